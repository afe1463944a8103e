using System.Globalization;
using LlmOps.Dsl;

namespace LlmOps.DataValidation;

/// <summary>
/// Runs a validation inside a stage: logs the verdict, adds the Markdown summary, writes the reports and fails the
/// stage with every violated error rule. Stage bodies that validate files they produce call <see cref="Run"/>.
/// </summary>
public static class DatasetValidationRunner
{
    // The findings annotated on their data lines in CI, at most.
    private const int MaxAnnotations = 20;

    /// <summary>Validates the splits; throws <see cref="StageFailedException"/> when the verdict is failed.</summary>
    /// <param name="ctx">The running stage.</param>
    /// <param name="splits">The files to validate.</param>
    /// <param name="format">Their format.</param>
    /// <param name="rules">The rules.</param>
    /// <param name="reportDirectory">Where to write the report files, or null.</param>
    /// <param name="reportPrefix">Prefix for the report file names, when one stage writes several reports.</param>
    /// <param name="redactedCopyDirectory">Where to write redacted copies, or null.</param>
    public static ValidationReport Run(StageContext ctx, IReadOnlyList<DatasetSplit> splits, DatasetFormat format, ValidationRules rules, string? reportDirectory = null, string reportPrefix = "", string? redactedCopyDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ValidationReport report;
        try
        {
            report = new DatasetValidator(format, rules) { RedactedCopyDirectory = redactedCopyDirectory }.Validate(splits, ctx.CancellationToken);
        }
        catch (DataValidationException e)
        {
            throw new StageFailedException($"Data validation is misconfigured: {e.Message}");
        }

        foreach (var line in ConsoleReport.Lines(report))
        {
            ctx.Log(line);
        }

        // Capped: GitHub shows ten error annotations per step, and thousands of bad lines are what the report is for.
        foreach (var finding in report.Findings.Take(MaxAnnotations))
        {
            ctx.Annotate(new Annotation(
                finding.File,
                finding.Line > 0 && finding.Line <= int.MaxValue ? (int)finding.Line : null,
                $"{finding.RuleId}{(finding.FieldPath is null ? "" : $" at {finding.FieldPath}")}: {finding.Message}",
                finding.Severity == Severity.Error ? AnnotationSeverity.Error : AnnotationSeverity.Warning));
        }

        foreach (var split in report.Splits)
        {
            ctx.Metric($"{split.Name}.examples", split.Statistics.Examples);
            ctx.Metric($"{split.Name}.invalid", split.Statistics.InvalidExamples);
            if (split.Statistics.Tokenizer is not null)
            {
                ctx.Metric($"{split.Name}.tokens", split.Statistics.TotalTokens);
            }
        }

        ctx.Summary(MarkdownReport.Render(report, title: reportPrefix.Trim('-', '_', '.')));
        if (reportDirectory is not null)
        {
            ReportFiles.Write(report, reportDirectory, reportPrefix);
        }

        if (report.Verdict == Verdict.Failed)
        {
            var violated = report.Violations.Where(r => r.Severity == Severity.Error)
                .Select(r => $"{r.RuleId} [{r.Split}]: {r.Actual} (allowed: {r.Threshold})");
            throw new StageFailedException($"Data validation failed: {string.Join("; ", violated)}");
        }

        return report;
    }

    internal static Task RunStageAsync(StageContext ctx, DatasetValidationFeature feature) => Task.Run(() =>
    {
        var splits = new List<DatasetSplit>();
        foreach (var source in feature.Sources)
        {
            var directory = ctx.InputDirectory(source);
            var files = Directory.Exists(directory)
                ? Directory.EnumerateFiles(directory, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
                : [];
            if (files.Count == 0)
            {
                throw new StageFailedException($"Artifact '{source.Name}' has no .jsonl file to validate.");
            }

            // One file: the split is the artifact. Several: each is a split named artifact/relative-path-without-extension.
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
                var name = files.Count == 1 ? source.Name : $"{source.Name}/{Path.ChangeExtension(relative, null)}";
                splits.Add(new DatasetSplit(name, file) { DisplayPath = $"{source.Name}/{relative}" });
            }
        }

        var reportDirectory = feature.Report is null ? null : ctx.OutputDirectory(feature.Report);
        var copyDirectory = feature.RedactedCopy is null ? null : ctx.OutputDirectory(feature.RedactedCopy);
        ctx.Log(string.Create(CultureInfo.InvariantCulture, $"Validating {splits.Count} file(s) as {feature.Format.Name}"));
        Run(ctx, splits, feature.Format, feature.Rules, reportDirectory, "", copyDirectory);
    }, ctx.CancellationToken);
}
