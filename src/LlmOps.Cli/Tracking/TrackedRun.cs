namespace LlmOps.Cli.Tracking;

/// <summary>
/// Where one pipeline run was tracked, kept beside its record as <c>.llmops/runs/&lt;id&gt;/tracking.json</c>. A later
/// run reads it to tag the stages it takes from the cache with the run and tracker that produced them, and to end the
/// tracker runs of a process that was killed before it could.
/// </summary>
public sealed class TrackedRun
{
    /// <summary>The tracker's <see cref="LlmOps.Tracking.ITracker.Location"/> (a server, or <c>local</c>).</summary>
    public required string Location { get; init; }

    /// <summary>The experiment holding the runs.</summary>
    public required string ExperimentId { get; init; }

    /// <summary>The pipeline run's id in the tracker.</summary>
    public required string ParentRunId { get; init; }

    /// <summary>Tracker run id of each stage that ran (not of cached ones), by stage id.</summary>
    public Dictionary<string, string> Stages { get; init; } = [];

    /// <summary>Whether the pipeline run was ended in the tracker.</summary>
    public bool Ended { get; set; }
}
