namespace LlmOps.Execution;

/// <summary>Where the executor reports progress: the console, and observers such as experiment trackers.</summary>
public interface IRunReporter
{
    /// <summary>A line about the run as a whole.</summary>
    void Info(string message);

    /// <summary>A stage starts, is cached, skipped, or finishes.</summary>
    void StageStatus(string stageId, StageStatus status, string detail);

    /// <summary>A log line from a stage (already masked).</summary>
    void StageLog(string stageId, string line);

    /// <summary>
    /// A CI annotation line from a stage (<see cref="CiAnnotations"/>), already masked. It must reach standard output at
    /// the start of a line for the host to see it; by default it is reported like a run line.
    /// </summary>
    void Annotation(string stageId, string line) => Info(line);
}
