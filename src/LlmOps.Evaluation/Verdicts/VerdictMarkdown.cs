using System.Globalization;
using System.Text;
using LlmOps.Evaluation.Statistics;

namespace LlmOps.Evaluation;

/// <summary>The verdict as Markdown for a CI job summary: the decision first, then every rule, then the metrics.</summary>
public static class VerdictMarkdown
{
    /// <summary>The file name in the report artifact.</summary>
    public const string FileName = "verdict.md";

    /// <summary>Renders the verdict.</summary>
    public static string Render(Verdict verdict, string title)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### {title}: {(verdict.Passed ? "PASSED" : "FAILED")}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{verdict.Examples} examples, {verdict.Resamples} bootstrap resamples (seed {verdict.Seed}); champion: ");
        text.Append(verdict.ColdStart ? $"none found at {verdict.Champion} (cold start: comparisons are not made)\n\n" : $"{verdict.Champion}\n\n");
        text.Append("| rule | result | estimate | interval | threshold | reason |\n|---|---|---:|---|---:|---|\n");
        foreach (var rule in verdict.Rules)
        {
            var threshold = N(rule.Threshold.Value) + (rule.Threshold.ChangedFromDefault ? $" (default {N(rule.Threshold.CommittedDefault!.Value)})" : "");
            text.Append(CultureInfo.InvariantCulture,
                $"| {rule.Rule} | {Status(rule.Status)} | {(rule.Interval is { } i ? N(i.Estimate) : "–")} | {Range(rule.Interval)} | {threshold} | {Escape(rule.Reason)} |\n");
        }

        foreach (var overridden in verdict.Rules.Where(r => r.Override is not null).Select(r => r.Override!))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n**Override** of `{overridden.Rule}` by {overridden.Who} at {overridden.When:u}: {Escape(overridden.Reason)}\n");
        }

        if (verdict.Warnings.Count > 0)
        {
            text.Append('\n');
            foreach (var warning in verdict.Warnings)
            {
                text.Append(CultureInfo.InvariantCulture, $"> **Warning:** {Escape(warning)}\n");
            }
        }

        text.Append("\n| metric | slice | n | candidate | 95% CI | champion | 95% CI |\n|---|---|---:|---:|---|---:|---|\n");
        foreach (var m in verdict.Metrics)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {m.Metric} | {m.Slice ?? "all"} | {m.Examples} | {N(m.Candidate.Estimate)} | {Range(m.Candidate)} | {(m.Champion is { } c ? N(c.Estimate) : "–")} | {Range(m.Champion)} |\n");
        }

        if (verdict.Classes.Count > 0)
        {
            text.Append("\n| class | precision | recall | support |\n|---|---:|---:|---:|\n");
            foreach (var c in verdict.Classes)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {Escape(c.Label)} | {N(c.Precision)} | {N(c.Recall)} | {c.Support} |\n");
            }
        }

        return text.ToString();
    }

    internal static string Status(RuleStatus status) => KebabCaseName.Of(status);

    private static string Range(Interval? interval) => interval is null || double.IsNaN(interval.Low) ? "–" : $"{N(interval.Low)} – {N(interval.High)}";

    private static string N(double value) => double.IsNaN(value) ? "–" : value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
