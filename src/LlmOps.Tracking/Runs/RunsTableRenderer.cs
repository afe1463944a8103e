using System.Globalization;
using System.Text;

namespace LlmOps.Tracking.Runs;

/// <summary>
/// Renders recent runs as plain aligned text tables for <c>./build.sh Runs</c>; plain text stays readable in CI logs.
/// Runs are identified by the executor's run id (the <c>.llmops/runs</c> folder name), with the tracker's id beside it,
/// and each pipeline gets its own table whose metric columns are that pipeline's own metrics, so one pipeline's many
/// runs never push another's metrics off the screen.
/// </summary>
public static class RunsTableRenderer
{
    /// <summary>Renders the tables; per pipeline at most <paramref name="maxMetricColumns"/> metric columns, its most common keys first.</summary>
    public static string Render(IReadOnlyList<RunSummary> runs, int maxMetricColumns = 4)
    {
        if (runs.Count == 0)
        {
            return "No pipeline runs recorded yet." + Environment.NewLine;
        }

        // Tables in the order of each pipeline's newest run; runs keep their order inside a table.
        var sb = new StringBuilder();
        foreach (var pipeline in runs.GroupBy(r => r.Name, StringComparer.Ordinal))
        {
            if (sb.Length > 0)
            {
                sb.Append(Environment.NewLine);
            }

            AppendTable(sb, pipeline.ToList(), maxMetricColumns);
        }

        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, List<RunSummary> runs, int maxMetricColumns)
    {
        var metricKeys = runs.SelectMany(r => r.Metrics.Keys)
            .GroupBy(k => k, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(maxMetricColumns).Select(g => g.Key).ToList();

        var header = new List<string> { "RUN", "TRACKER RUN", "PIPELINE", "STATUS", "STARTED (UTC)", "DURATION" };
        header.AddRange(metricKeys);
        var rows = new List<List<string>> { header };
        foreach (var run in runs)
        {
            var row = new List<string>
            {
                run.Tags.GetValueOrDefault(SystemTags.PipelineRunId) ?? "-",
                run.RunId.Length > 12 ? run.RunId[..12] : run.RunId,
                run.Name,
                run.Status.ToString().ToUpperInvariant(),
                run.StartTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                run.EndTime is { } end ? FormatDuration(end - run.StartTime) : run.Status == RunStatus.Running ? "running" : "-",
            };
            row.AddRange(metricKeys.Select(k => run.Metrics.TryGetValue(k, out var v) ? FormatValue(v) : "-"));
            rows.Add(row);
        }

        var widths = Enumerable.Range(0, header.Count).Select(i => rows.Max(r => r[i].Length)).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            sb.Append(string.Join("  ", rows[r].Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd()).Append(Environment.NewLine);
            if (r == 0)
            {
                sb.AppendJoin("  ", widths.Select(w => new string('-', w))).Append(Environment.NewLine);
            }
        }
    }

    private static string FormatDuration(TimeSpan d) =>
        d.TotalHours >= 1 ? $"{(int)d.TotalHours}h{d.Minutes:00}m" : d.TotalMinutes >= 1 ? $"{(int)d.TotalMinutes}m{d.Seconds:00}s" : string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.0}s");

    private static string FormatValue(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
}
