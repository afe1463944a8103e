namespace LlmOps.Execution;

/// <summary>
/// Where stage summaries go beyond the run folder: a CI job summary, supplied by the host that knows the platform,
/// so the executor knows no CI platform. Stages running in parallel publish concurrently.
/// </summary>
public interface ISummarySink
{
    /// <summary>Publishes a stage's summary Markdown (secrets already masked), also saved at <paramref name="summaryFile"/>.</summary>
    void Publish(string stageId, string markdown, string summaryFile);
}
