namespace LlmOps.Tracking;

/// <summary>A pipeline run as the <c>Runs</c> command lists it.</summary>
/// <param name="RunId">Run id.</param>
/// <param name="Name">Run name (the pipeline name).</param>
/// <param name="Status">Current status.</param>
/// <param name="StartTime">Start time.</param>
/// <param name="EndTime">End time, or null while running.</param>
/// <param name="Metrics">Latest value per metric key.</param>
/// <param name="Tags">Tags of the run.</param>
public sealed record RunSummary(
    string RunId,
    string Name,
    RunStatus Status,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Tags);
