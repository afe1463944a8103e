using System.Globalization;
using System.Net;
using System.Text;
using LlmOps.Evaluation.Statistics;

namespace LlmOps.Evaluation;

/// <summary>
/// The verdict as a self-contained HTML page: a forest plot (inline SVG, no script, no network) of candidate and
/// champion intervals per metric and slice, then the Markdown tables.
/// </summary>
public static class VerdictHtml
{
    /// <summary>The file name in the report artifact.</summary>
    public const string FileName = "verdict.html";

    private const int Label = 220, Plot = 420, Row = 22;

    /// <summary>Renders the page.</summary>
    public static string Render(Verdict verdict, string title)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var html = new StringBuilder("<!doctype html><html><head><meta charset='utf-8'><title>");
        html.Append(WebUtility.HtmlEncode(title)).Append("</title></head><body style='font-family:sans-serif'>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{WebUtility.HtmlEncode(title)}: {(verdict.Passed ? "passed" : "failed")}</h1>");
        foreach (var group in verdict.Metrics.GroupBy(m => m.Metric))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{WebUtility.HtmlEncode(group.Key)}</h2>");
            html.Append(ForestPlot([.. group], verdict.Rules.Where(r => r.Metric == group.Key && r.Statistic == group.Key).Select(r => r.Threshold.Value).ToList()));
        }

        html.Append("<pre>").Append(WebUtility.HtmlEncode(VerdictMarkdown.Render(verdict, title))).Append("</pre></body></html>");
        return html.ToString();
    }

    /// <summary>One row per slice: candidate interval (blue) above champion interval (grey), thresholds as dashed lines.</summary>
    internal static string ForestPlot(IReadOnlyList<MetricResult> rows, IReadOnlyList<double> thresholds)
    {
        var values = rows.SelectMany(r => new[] { r.Candidate, r.Champion }).OfType<Interval>()
            .SelectMany(i => new[] { i.Low, i.High, i.Estimate }).Concat(thresholds).Where(double.IsFinite).ToList();
        var (min, max) = values.Count == 0 ? (0.0, 1.0) : (values.Min(), values.Max());
        if (max - min < 1e-9)
        {
            (min, max) = (min - 0.5, max + 0.5);
        }

        double X(double v) => Label + ((v - min) / (max - min) * Plot);
        var height = (rows.Count * 2 * Row) + 30;
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns='http://www.w3.org/2000/svg' width='{Label + Plot + 80}' height='{height}' role='img'>");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = 10 + (i * 2 * Row);
            svg.Append(CultureInfo.InvariantCulture, $"<text x='0' y='{y + 14}' font-size='12'>{WebUtility.HtmlEncode(rows[i].Slice ?? "all")} (n={rows[i].Examples})</text>");
            Whisker(svg, rows[i].Candidate, y + 8, "#1565c0", "candidate", X);
            if (rows[i].Champion is { } champion)
            {
                Whisker(svg, champion, y + 8 + Row - 4, "#757575", "champion", X);
            }
        }

        foreach (var threshold in thresholds)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1='{X(threshold):0.#}' x2='{X(threshold):0.#}' y1='0' y2='{height - 20}' stroke='#c62828' stroke-dasharray='4 3'><title>threshold {threshold:0.####}</title></line>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x='{Label}' y='{height - 4}' font-size='11'>{min:0.###}</text><text x='{Label + Plot - 30}' y='{height - 4}' font-size='11'>{max:0.###}</text></svg>");
        return svg.ToString();
    }

    private static void Whisker(StringBuilder svg, Interval interval, int y, string colour, string who, Func<double, double> x)
    {
        if (!double.IsFinite(interval.Low))
        {
            return;
        }

        svg.Append(CultureInfo.InvariantCulture,
            $"<g><title>{who} {interval.Estimate:0.####} ({interval.Low:0.####} to {interval.High:0.####})</title>" +
            $"<line x1='{x(interval.Low):0.#}' x2='{x(interval.High):0.#}' y1='{y}' y2='{y}' stroke='{colour}' stroke-width='2'/>" +
            $"<circle cx='{x(interval.Estimate):0.#}' cy='{y}' r='4' fill='{colour}'/></g>");
    }
}
