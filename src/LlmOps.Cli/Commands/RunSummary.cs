using LlmOps.Execution;

namespace LlmOps.Cli;

/// <summary>The table printed at the end of a run.</summary>
public static class RunSummary
{
    /// <summary>Prints one line per stage and the run's outcome.</summary>
    public static void Print(TextWriter output, RunRecord record, string root, string runDirectory)
    {
        output.WriteLine();
        var width = Math.Max(5, record.Stages.Count == 0 ? 0 : record.Stages.Max(s => s.Id.Length));
        output.WriteLine($"{"Stage".PadRight(width)}  {"Status",-9}  {"Time",7}  Details");
        foreach (var stage in record.Stages)
        {
            var time = stage.Seconds is { } s ? $"{s:0.0}s" : "";
            var metrics = stage.Metrics.Count > 0 ? "  " + string.Join(" ", stage.Metrics.Take(4).Select(m => $"{m.Key}={m.Value:0.####}")) : "";
            output.WriteLine($"{stage.Id.PadRight(width)}  {KebabCaseName.Of(stage.Status),-9}  {time,7}  {stage.Reason}{metrics}");
        }

        var total = (record.FinishedAt ?? DateTimeOffset.UtcNow) - record.StartedAt;
        output.WriteLine();
        output.WriteLine($"Run {record.RunId} {KebabCaseName.Of(record.Status)} in {total.TotalSeconds:0.0}s. Record and logs: {Path.GetRelativePath(root, runDirectory)}/");
        var report = Path.Combine(runDirectory, RunReportObserver.FileName);
        if (File.Exists(report))
        {
            output.WriteLine($"Report (timeline, metric curves): {Path.GetRelativePath(root, report)}");
        }
    }
}
