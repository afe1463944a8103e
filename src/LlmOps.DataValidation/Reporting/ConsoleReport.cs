using System.Globalization;

namespace LlmOps.DataValidation;

/// <summary>The verdict as plain lines for a console or a log, one per violated rule and finding sample.</summary>
public static class ConsoleReport
{
    /// <summary>The lines: a verdict line, then per violated rule its numbers and up to <paramref name="samplesPerRule"/> findings.</summary>
    public static IReadOnlyList<string> Lines(ValidationReport report, int samplesPerRule = 10)
    {
        var lines = new List<string>();
        foreach (var s in report.Splits)
        {
            var st = s.Statistics;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{s.Name}: {st.Examples:N0} examples, {st.InvalidExamples:N0} invalid, {st.Bytes / 1e6:0.#} MB{(st.Tokenizer is null ? "" : $", {st.TotalTokens:N0} tokens (max {st.MaxExampleTokens:N0})")}, {st.ExactDuplicates:N0} exact / {st.NearDuplicates:N0} near duplicates"));
        }

        foreach (var r in report.Violations)
        {
            lines.Add($"{r.Severity.ToString().ToLowerInvariant()} {r.RuleId} [{r.Split}]: {r.Actual} (allowed: {r.Threshold})");
            foreach (var f in r.Samples.Take(samplesPerRule))
            {
                lines.Add($"  {Location(f)}: {f.Message}{(f.Sample is null ? "" : $" [{f.Sample}]")}");
            }

            if (r.TotalFindings > Math.Min(samplesPerRule, r.Samples.Count))
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"  ... and {r.TotalFindings - Math.Min(samplesPerRule, r.Samples.Count):N0} more"));
            }
        }

        lines.Add($"Data validation {MarkdownReport.VerdictText(report.Verdict)}: {report.Violations.Count(r => r.Severity == Severity.Error)} error rules and {report.Violations.Count(r => r.Severity == Severity.Warning)} warning rules violated");
        return lines;
    }

    /// <summary><c>file:line:column field</c>, as editors and CI annotations read it.</summary>
    public static string Location(Finding f)
    {
        var where = f.Line > 0 ? $"{f.File}:{f.Line}{(f.Column is { } c ? $":{c}" : "")}" : f.File;
        return f.FieldPath is null ? where : $"{where} {f.FieldPath}";
    }
}
