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
}
