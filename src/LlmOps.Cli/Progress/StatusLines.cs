using System.Globalization;
using LlmOps.Execution;

namespace LlmOps.Cli.Progress;

/// <summary>The words and symbols of a stage's status line, shared by the plain, CI and live reporters.</summary>
internal static class StatusLines
{
    public static string Running(string stageId, string detail) => $"{ConsoleReporter.SymbolOf(StageStatus.Running)} {stageId}: {detail}";

    public static string Finished(string stageId, StageStatus status, string detail, TimeSpan? elapsed) =>
        elapsed is { } took ? $"{ConsoleReporter.SymbolOf(status)} {stageId}: {detail} [{Elapsed(took)}]" : $"{ConsoleReporter.SymbolOf(status)} {stageId}: {detail}";

    /// <summary><c>850 ms</c>, <c>41.2 s</c>, <c>3m05s</c>, <c>2h03m</c>: short enough for a status column.</summary>
    public static string Elapsed(TimeSpan took) => took switch
    {
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{took.TotalMilliseconds:0} ms"),
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{took.TotalSeconds:0.0} s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)took.TotalMinutes}m{took.Seconds:00}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)took.TotalHours}h{took.Minutes:00}m"),
    };
}
