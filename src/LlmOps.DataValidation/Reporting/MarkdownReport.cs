using System.Globalization;
using System.Text;

namespace LlmOps.DataValidation;

/// <summary>The verdict as GitHub-flavoured Markdown, short enough for a PR comment or a CI job summary.</summary>
public static class MarkdownReport
{
    /// <summary>Renders the verdict, the split statistics, every violated rule and up to <paramref name="samplesPerRule"/> findings each.</summary>
    /// <param name="report">The report.</param>
    /// <param name="samplesPerRule">Findings shown per violated rule.</param>
    /// <param name="title">Names this validation in the heading when a stage runs several, e.g. <c>source</c>.</param>
    public static string Render(ValidationReport report, int samplesPerRule = 5, string? title = null)
    {
        var sb = new StringBuilder();
        var icon = report.Verdict switch { Verdict.Passed => "✅", Verdict.PassedWithWarnings => "⚠️", _ => "❌" };
        sb.Append(CultureInfo.InvariantCulture, $"### {icon} Data validation{(string.IsNullOrEmpty(title) ? "" : $" ({title})")}: {VerdictText(report.Verdict)} ({report.Format})\n\n");
        sb.Append("| split | examples | invalid | tokens | max tokens | p95 | exact dups | near dups |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var s in report.Splits)
        {
            var st = s.Statistics;
            var tokens = st.Tokenizer is null ? "–" : st.TotalTokens.ToString("N0", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"| {Cell(s.Name)} | {st.Examples:N0} | {st.InvalidExamples:N0} | {tokens} | {(st.Tokenizer is null ? "–" : st.MaxExampleTokens.ToString("N0", CultureInfo.InvariantCulture))} | {(st.Tokenizer is null ? "–" : st.P95ExampleTokens.ToString("N0", CultureInfo.InvariantCulture))} | {st.ExactDuplicates:N0} | {st.NearDuplicates:N0} |\n");
        }

        var violated = report.Violations.ToList();
        sb.Append('\n');
        if (violated.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"All {report.Rules.Count} rules passed.\n");
            return sb.ToString();
        }

        sb.Append("| rule | split | severity | threshold | actual |\n|---|---|---|---|---|\n");
        foreach (var r in violated)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| `{r.RuleId}` | {Cell(r.Split)} | {r.Severity.ToString().ToLowerInvariant()} | {Cell(r.Threshold)} | {Cell(r.Actual)} |\n");
        }

        sb.Append("\n<details><summary>Findings</summary>\n\n");
        foreach (var r in violated)
        {
            foreach (var f in r.Samples.Take(samplesPerRule))
            {
                sb.Append(CultureInfo.InvariantCulture, $"- `{Cell(ConsoleReport.Location(f))}` `{f.RuleId}`: {Cell(f.Message)}{(f.Sample is null ? "" : $" (`{Cell(f.Sample)}`)")}\n");
            }

            if (r.TotalFindings > Math.Min(samplesPerRule, r.Samples.Count))
            {
                sb.Append(CultureInfo.InvariantCulture, $"- … {r.TotalFindings - Math.Min(samplesPerRule, r.Samples.Count):N0} more `{r.RuleId}` findings in {Cell(r.Split)}\n");
            }
        }

        sb.Append("\n</details>\n");
        return sb.ToString();
    }

    internal static string VerdictText(Verdict v) => v switch
    {
        Verdict.Passed => "passed",
        Verdict.PassedWithWarnings => "passed with warnings",
        _ => "failed",
    };

    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal).Replace('\n', ' ');
}
