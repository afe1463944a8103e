using System.Globalization;
using System.Text;

namespace LlmOps.Tracking.Runs;

/// <summary>Renders recent runs as a plain aligned text table for <c>./build.sh Runs</c>; plain text stays readable in CI logs.</summary>
public static class RunsTableRenderer
{
    /// <summary>Renders the table; at most <paramref name="maxMetricColumns"/> metric columns, the most common keys first.</summary>
    public static string Render(IReadOnlyList<RunSummary> runs, int maxMetricColumns = 4)
    {
        if (runs.Count == 0)
        {
            return "No pipeline runs recorded yet." + Environment.NewLine;
        }

        var metricKeys = runs.SelectMany(r => r.Metrics.Keys)
            .GroupBy(k => k, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(maxMetricColumns).Select(g => g.Key).ToList();

        var header = new List<string> { "RUN ID", "PIPELINE", "STATUS", "STARTED (UTC)", "DURATION" };
        header.AddRange(metricKeys);
        var rows = new List<List<string>> { header };
        foreach (var run in runs)
        {
            var row = new List<string>
            {
                run.RunId.Length > 12 ? run.RunId[..12] : run.RunId,
                run.Name,
                run.Status.ToString().ToUpperInvariant(),
                run.StartTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                run.EndTime is { } end ? FormatDuration(end - run.StartTime) : "running",
            };
            row.AddRange(metricKeys.Select(k => run.Metrics.TryGetValue(k, out var v) ? FormatValue(v) : "-"));
            rows.Add(row);
        }

        var widths = Enumerable.Range(0, header.Count).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var sb = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            sb.AppendJoin("  ", rows[r].Select((cell, i) => cell.PadRight(widths[i]))).Append(Environment.NewLine);
            if (r == 0)
            {
                sb.AppendJoin("  ", widths.Select(w => new string('-', w))).Append(Environment.NewLine);
            }
        }

        return sb.ToString();
    }

    private static string FormatDuration(TimeSpan d) =>
        d.TotalHours >= 1 ? $"{(int)d.TotalHours}h{d.Minutes:00}m" : d.TotalMinutes >= 1 ? $"{(int)d.TotalMinutes}m{d.Seconds:00}s" : string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.0}s");

    private static string FormatValue(double v) => v.ToString("G5", CultureInfo.InvariantCulture);
}
