namespace LlmOps.Tracking.Local;

/// <summary>A run as stored locally.</summary>
internal sealed record LocalRun(
    string RunId,
    string Name,
    string Kind,
    string? ParentRunId,
    RunStatus Status,
    long StartTime,
    long? EndTime,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, double> LatestMetrics,
    IReadOnlyList<string> Artifacts)
{
    internal RunSummary ToSummary() => new(
        RunId,
        Name,
        Status,
        DateTimeOffset.FromUnixTimeMilliseconds(StartTime),
        EndTime is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
        LatestMetrics,
        Tags);
}
