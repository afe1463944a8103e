using System.Globalization;
using System.Net;
using System.Text;

namespace LlmOps.DataValidation;

/// <summary>
/// A self-contained HTML report: statistics, violated rules with findings and inline SVG histograms of token
/// lengths, turns per example and the role mix. No scripts, fonts or other external assets, so it opens offline
/// and can be attached to a CI run as is.
/// </summary>
public static class HtmlReport
{
    /// <summary>Renders the report.</summary>
    public static string Render(ValidationReport report, int samplesPerRule = 50)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Data validation report</title><style>")
          .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
          .Append(".error{color:#b00020}.warning{color:#a66500}.passed{color:#1b7f3b}svg{background:#fafafa;margin:4px 16px 16px 0}code{font-size:90%}")
          .Append("</style></head><body>\n");
        var cls = report.Verdict == Verdict.Failed ? "error" : report.Verdict == Verdict.PassedWithWarnings ? "warning" : "passed";
        sb.Append(CultureInfo.InvariantCulture, $"<h1>Data validation: <span class=\"{cls}\">{E(MarkdownReport.VerdictText(report.Verdict))}</span></h1>\n<p>Format <code>{E(report.Format)}</code>, {report.Rules.Count} rules evaluated.</p>\n");
        sb.Append("<h2>Rules</h2><table><tr><th>rule</th><th>split</th><th>severity</th><th>result</th><th>threshold</th><th>actual</th></tr>\n");
        foreach (var r in report.Rules)
        {
            var state = r.Violated ? r.Severity.ToString().ToLowerInvariant() : "passed";
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(r.RuleId)}</code></td><td>{E(r.Split)}</td><td>{E(r.Severity.ToString().ToLowerInvariant())}</td><td class=\"{state}\">{(r.Violated ? "violated" : "passed")}</td><td>{E(r.Threshold)}</td><td>{E(r.Actual)}</td></tr>\n");
        }

        sb.Append("</table>\n");
        foreach (var split in report.Splits)
        {
            AppendSplit(sb, split);
        }

        var violated = report.Violations.Where(r => r.Samples.Count > 0).ToList();
        if (violated.Count > 0)
        {
            sb.Append("<h2>Findings</h2>\n");
            foreach (var r in violated)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<h3><code>{E(r.RuleId)}</code> in {E(r.Split)} ({r.TotalFindings:N0})</h3><table><tr><th>where</th><th>field</th><th>message</th><th>sample (redacted)</th></tr>\n");
                foreach (var f in r.Samples.Take(samplesPerRule))
                {
                    var where = f.Line > 0 ? $"{f.File}:{f.Line}{(f.Column is { } c ? $":{c}" : "")}" : f.File;
                    sb.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(where)}</code></td><td><code>{E(f.FieldPath)}</code></td><td>{E(f.Message)}</td><td>{E(f.Sample)}</td></tr>\n");
                }

                sb.Append("</table>\n");
            }
        }

        return sb.Append("</body></html>\n").ToString();
    }

    private static void AppendSplit(StringBuilder sb, SplitReport split)
    {
        var st = split.Statistics;
        sb.Append(CultureInfo.InvariantCulture, $"<h2>Split {E(split.Name)}</h2><p><code>{E(split.Path)}</code>: {st.Lines:N0} lines, {st.Examples:N0} examples, {st.InvalidExamples:N0} invalid, {st.Bytes:N0} bytes in {st.Seconds:0.00} s.");
        if (st.Tokenizer is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $" Tokens ({E(st.Tokenizer)}, {E(st.TokenCountMode)}): {st.TotalTokens:N0} total, median {st.MedianExampleTokens:N0}, p95 {st.P95ExampleTokens:N0}, max {st.MaxExampleTokens:N0}.");
        }

        sb.Append("</p>\n");
        if (st.TokenHistogram.Count > 0)
        {
            sb.Append(Svg.Bars("Tokens per example", st.TokenHistogram.Select(b => (Label(b), b.Count)).ToList()));
        }

        if (st.TurnsHistogram.Count > 0)
        {
            sb.Append(Svg.Bars("Turns per example", st.TurnsHistogram.Select(b => (b.Upper == long.MaxValue ? $"{b.Lower}+" : b.Lower.ToString(CultureInfo.InvariantCulture), b.Count)).ToList()));
        }

        if (st.MessagesPerRole.Count > 0)
        {
            sb.Append(Svg.Bars("Role mix (messages)", st.MessagesPerRole.Select(kv => (kv.Key, kv.Value)).ToList()));
        }

        if (st.TokensPerRole.Count > 0)
        {
            sb.Append("<table><tr><th>role</th><th>messages</th><th>content tokens</th></tr>");
            foreach (var role in st.MessagesPerRole.Keys.Union(st.TokensPerRole.Keys).Order(StringComparer.Ordinal))
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(role)}</td><td>{st.MessagesPerRole.GetValueOrDefault(role):N0}</td><td>{st.TokensPerRole.GetValueOrDefault(role):N0}</td></tr>");
            }

            sb.Append("</table>\n");
        }
    }

    private static string Label(HistogramBin b) => string.Create(CultureInfo.InvariantCulture, $"{b.Lower}–{b.Upper - 1}");

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
