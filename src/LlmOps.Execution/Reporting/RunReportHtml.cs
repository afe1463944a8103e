using System.Globalization;
using System.Net;
using System.Text;

namespace LlmOps.Execution;

/// <summary>Renders a run as a self-contained HTML page with inline SVG (no scripts, no external assets).</summary>
public static class RunReportHtml
{
    private const int Width = 760;

    /// <summary>The page for <paramref name="run"/> and the metric series its stages reported.</summary>
    public static string Render(RunRecord run, IReadOnlyList<(string Stage, string Metric, IReadOnlyList<(long Step, double Value)> Points)> series) =>
        Render(run, series, null);

    /// <summary>The page, with the plan, parameters and stage summaries when <paramref name="context"/> is given.</summary>
    public static string Render(RunRecord run, IReadOnlyList<(string Stage, string Metric, IReadOnlyList<(long Step, double Value)> Points)> series, RunReportContext? context)
    {
        var html = new StringBuilder();
        var total = ((run.FinishedAt ?? DateTimeOffset.UtcNow) - run.StartedAt).TotalSeconds;
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"><title>LlmOps run ").Append(E(run.RunId)).Append("</title>")
            .Append("<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}")
            .Append(".succeeded{color:#1a7f37}.failed,.not-run,.cancelled{color:#cf222e}.cached,.skipped{color:#6e7781}h2{margin-top:1.6em}svg text{font:11px sans-serif}</style></head><body>")
            .Append("<h1>Run ").Append(E(run.RunId)).Append(" <span class=\"").Append(E(run.Status)).Append("\">").Append(E(run.Status)).Append("</span></h1>")
            .Append("<p>Targets: ").Append(E(string.Join(", ", run.Targets))).Append(" · started ").Append(E(run.StartedAt.ToString("u", CultureInfo.InvariantCulture)))
            .Append(" · ").Append(Num(total)).Append(" s</p>");

        if (context is not null)
        {
            html.Append(RunReportSections.Plan(run, context)).Append(RunReportSections.Parameters(run));
        }

        html.Append("<h2>Timeline</h2>").Append(Timeline(run));
        html.Append("<h2>Stages</h2><table><tr><th>Stage</th><th>Status</th><th>Time</th><th>Why</th><th>Metrics</th></tr>");
        foreach (var stage in run.Stages)
        {
            html.Append("<tr><td>").Append(E(stage.Id)).Append("</td><td class=\"").Append(E(stage.Status)).Append("\">").Append(E(stage.Status))
                .Append("</td><td style=\"white-space:nowrap\">").Append(stage.Seconds is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "").Append("</td><td>").Append(E(stage.Reason ?? ""))
                .Append("</td><td>").Append(E(string.Join(" ", stage.Metrics.Select(m => $"{m.Key}={Num(m.Value)}")))).Append("</td></tr>");
        }

        html.Append("</table>");
        var curves = series.Where(s => s.Points.Count >= 2).ToList();
        if (curves.Count > 0)
        {
            html.Append("<h2>Metrics</h2>");
            foreach (var (stage, metric, points) in curves)
            {
                html.Append("<h3>").Append(E(stage)).Append(" · ").Append(E(metric)).Append("</h3>").Append(Chart(points));
            }
        }

        if (context is not null)
        {
            html.Append(RunReportSections.Stages(run, context));
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string Timeline(RunRecord run)
    {
        var start = run.StartedAt;
        var end = run.FinishedAt ?? DateTimeOffset.UtcNow;
        var span = Math.Max(0.001, (end - start).TotalSeconds);
        const int label = 220;
        const int row = 22;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{(run.Stages.Count * row) + 24}\" role=\"img\" aria-label=\"stage timeline\">");
        for (var i = 0; i < run.Stages.Count; i++)
        {
            var stage = run.Stages[i];
            var y = i * row;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\">{E(stage.Id)}</text>");
            if (stage.StartedAt is { } started)
            {
                var x0 = label + ((started - start).TotalSeconds / span * (Width - label - 10));
                var x1 = label + (((stage.FinishedAt ?? end) - start).TotalSeconds / span * (Width - label - 10));
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Num(x0)}\" y=\"{y + 4}\" width=\"{Num(Math.Max(2, x1 - x0))}\" height=\"14\" fill=\"{Colour(stage.Status)}\"><title>{E(stage.Id)}: {E(stage.Status)} {Num(stage.Seconds ?? 0)} s</title></rect>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{label}\" y=\"{y + 15}\" fill=\"#6e7781\">{E(stage.Status)}</text>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{label}\" y=\"{(run.Stages.Count * row) + 18}\">0 s</text><text x=\"{Width - 10}\" y=\"{(run.Stages.Count * row) + 18}\" text-anchor=\"end\">{Num(span)} s</text>");
        return svg.Append("</svg>").ToString();
    }

    private static string Chart(IReadOnlyList<(long Step, double Value)> points)
    {
        const int height = 200;
        const int left = 60;
        const int bottom = 20;
        var finite = points.Where(p => double.IsFinite(p.Value)).ToList();
        if (finite.Count < 2)
        {
            return "<p>(no finite values)</p>";
        }

        double minX = finite.Min(p => p.Step), maxX = finite.Max(p => p.Step), minY = finite.Min(p => p.Value), maxY = finite.Max(p => p.Value);
        if (maxX == minX)
        {
            maxX = minX + 1;
        }

        var axis = ChartAxis.For(minY, maxY);
        string X(double v) => Num(left + ((v - minX) / (maxX - minX) * (Width - left - 10)));
        string Y(double v) => Num(10 + ((axis.High - v) / (axis.High - axis.Low) * (height - bottom - 10)));
        var path = string.Join(" ", finite.Select((p, i) => $"{(i == 0 ? "M" : "L")}{X(p.Step)},{Y(p.Value)}"));
        // A zoomed axis is drawn with a zigzag where it is cut and says so in words, with the spread of the values.
        var axisBreak = axis.Broken
            ? $"<path class=\"axis-break\" d=\"M{left - 6},{height - bottom - 14} l6,-4 l6,4 M{left - 6},{height - bottom - 8} l6,-4 l6,4\" stroke=\"#cf222e\" fill=\"white\" stroke-width=\"1.5\"/>"
              + $"<text class=\"axis-note\" x=\"{left + 6}\" y=\"{height - bottom - 6}\" fill=\"#cf222e\">axis broken: starts at {Num(axis.Low)}, not 0; values span {Num(maxY - minY)}</text>"
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" role=\"img\" data-axis=\"{(axis.Broken ? "broken" : "zero")}\" data-axis-low=\"{Num(axis.Low)}\">")
            + $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{Width - 10}\" y2=\"{height - bottom}\" stroke=\"#999\"/><line x1=\"{left}\" y1=\"10\" x2=\"{left}\" y2=\"{height - bottom}\" stroke=\"#999\"/>"
            + $"<text x=\"{left - 4}\" y=\"14\" text-anchor=\"end\">{Num(axis.High)}</text><text x=\"{left - 4}\" y=\"{height - bottom}\" text-anchor=\"end\">{Num(axis.Low)}</text>"
            + axisBreak
            + $"<text x=\"{left}\" y=\"{height - 4}\">step {Num(minX)}</text><text x=\"{Width - 10}\" y=\"{height - 4}\" text-anchor=\"end\">step {Num(maxX)}</text>"
            + $"<path d=\"{path}\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"1.5\"/></svg>";
    }

    private static string Colour(StageStatus status) => status switch
    {
        StageStatus.Succeeded => "#2da44e",
        StageStatus.Failed or StageStatus.Cancelled => "#cf222e",
        _ => "#8c959f",
    };

    private static string Num(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string E<TEnum>(TEnum status) where TEnum : struct, Enum => KebabCaseName.Of(status);
}
