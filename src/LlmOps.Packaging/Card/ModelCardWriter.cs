using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmOps.Evaluation;

namespace LlmOps.Packaging;

/// <summary>
/// Writes the Hugging Face model card: YAML front matter (licence, tags, datasets, base model, a model-index with the
/// gate's metrics) and Markdown sections filled from the declaration and the evidence. Nothing in it depends on when
/// or where it is written, so the same inputs give the same bytes.
/// </summary>
internal static class ModelCardWriter
{
    /// <summary>The required fields of <paramref name="input"/>'s card that nothing fills.</summary>
    public static IReadOnlyList<string> MissingFields(PackageInput input)
    {
        var card = input.Card;
        var present = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["intended_use"] = card.IntendedUseText is not null,
            ["limitations"] = card.LimitationList.Count > 0,
            ["license"] = card.LicenseId is not null,
            ["tags"] = card.TagList.Count > 0,
            ["task"] = card.TaskName is not null,
            ["base_model"] = input.BaseModel is not null,
            ["datasets"] = input.Datasets.Count > 0,
            ["training_parameters"] = input.TrainingParameters.Count > 0,
            ["trainer_image"] = input.TrainerImage is not null,
        };
        return card.RequiredFields.Where(f => !present[f]).ToList();
    }

    public static string Write(PackageInput input, string version, Verdict verdict, IReadOnlyDictionary<string, string> datasetDigests)
    {
        var card = input.Card;
        var text = new StringBuilder();
        text.Append("---\n");
        Scalar(text, "license", card.LicenseId);
        List(text, "tags", card.TagList);
        List(text, "datasets", input.Datasets.Select(d => d.Name).ToList());
        Scalar(text, "base_model", input.BaseModel?.Name);
        Scalar(text, "base_model_revision", input.BaseModel?.Revision);
        Scalar(text, "pipeline_tag", card.TaskName);
        ModelIndex(text, input, verdict);
        text.Append("---\n\n");

        text.Append(CultureInfo.InvariantCulture, $"# {input.Name} {version}\n\n");
        Section(text, "Intended use", card.IntendedUseText ?? "_Not declared._");
        Section(text, "Limitations", card.LimitationList.Count > 0 ? string.Join("\n", card.LimitationList.Select(l => "- " + l)) : "_Not declared._");
        Section(text, "License", card.LicenseId ?? "_Not declared._");
        Section(text, "Base model", input.BaseModel is { } b ? $"`{b.Name}` at revision `{b.Revision}`" + (b.License is null ? "" : $", licence {b.License}") : "_None: trained from scratch._");
        Section(text, "Training parameters", input.TrainingParameters.Count > 0
            ? "| Parameter | Value |\n|---|---|\n" + string.Join("\n", input.TrainingParameters.Select(p => $"| {Cell(p.Key)} | {Cell(p.Value)} |"))
            : "_Not declared._");
        Section(text, "Trainer image", input.TrainerImage is { } image ? $"`{image}`" : "_Not known: the model was not trained in a pinned image._");
        Section(text, "Evaluation verdict", Verdict(input, verdict));
        Section(text, "Datasets", Datasets(input, datasetDigests));
        return text.ToString();
    }

    private static void ModelIndex(StringBuilder text, PackageInput input, Verdict verdict)
    {
        var overall = verdict.Metrics.Where(m => m.Slice is null && double.IsFinite(m.Candidate.Estimate)).ToList();
        if (overall.Count == 0)
        {
            return;
        }

        text.Append("model-index:\n");
        text.Append(CultureInfo.InvariantCulture, $"- name: {Quoted(input.Name)}\n  results:\n  - task:\n      type: {Quoted(input.Card.TaskName ?? "other")}\n");
        text.Append(CultureInfo.InvariantCulture, $"    dataset:\n      name: {Quoted("eval set of " + input.Blessing.Stage)}\n      type: {Quoted(input.Datasets.FirstOrDefault()?.Name ?? "held-out")}\n");
        text.Append("    metrics:\n");
        foreach (var metric in overall)
        {
            text.Append(CultureInfo.InvariantCulture, $"    - type: {Quoted(metric.Metric)}\n      value: {Number(metric.Candidate.Estimate)}\n");
            text.Append(CultureInfo.InvariantCulture, $"      name: {Quoted($"{metric.Metric} ({Interval(metric.Candidate)})")}\n");
        }
    }

    private static string Verdict(PackageInput input, Verdict verdict)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Gate `{input.Blessing.Stage}` {(verdict.Passed ? "passed" : "did not pass")} on {verdict.Examples} examples ");
        text.Append(CultureInfo.InvariantCulture, $"({verdict.Resamples} bootstrap resamples, seed {verdict.Seed}; champion: {verdict.Champion}{(verdict.ColdStart ? ", cold start" : "")}).\n\n");
        text.Append("| Rule | Status | Reason |\n|---|---|---|\n");
        foreach (var rule in verdict.Rules)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Cell(rule.Rule)} | {Cell(KebabCaseName.Of(rule.Status))} | {Cell(rule.Reason)} |\n");
        }

        text.Append("\n| Metric | Slice | Examples | Candidate | Interval | Champion |\n|---|---|---|---|---|---|\n");
        foreach (var metric in verdict.Metrics)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {Cell(metric.Metric)} | {Cell(metric.Slice ?? "all")} | {metric.Examples} | {Number(metric.Candidate.Estimate)} | {Interval(metric.Candidate)} | {(metric.Champion is { } c ? Number(c.Estimate) : "-")} |\n");
        }

        foreach (var o in input.Blessing.Overrides)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nOverridden: {JsonSerializer.Serialize(o, VerdictJson.Options).ReplaceLineEndings(" ")}\n");
        }

        foreach (var warning in verdict.Warnings)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nWarning: {warning}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nThe full verdict is `{PackageLayout.EvidenceFolder}/{PackageBuilder.VerdictEntry}`.");
        return text.ToString();
    }

    private static string Datasets(PackageInput input, IReadOnlyDictionary<string, string> digests)
    {
        if (input.Datasets.Count == 0)
        {
            return "_Not declared._";
        }

        var text = new StringBuilder("| Dataset | Licence | Digest | Validation |\n|---|---|---|---|\n");
        foreach (var dataset in input.Datasets)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Cell(dataset.Name)} | {Cell(dataset.License ?? "not declared")} | `{digests[dataset.Name]}` | {Cell(Validation(dataset))} |\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    // A validation report says how it went in its own JSON; the card quotes the counts it finds and points to the files.
    private static string Validation(DatasetInput dataset)
    {
        if (dataset.ValidationDirectory is not { } folder)
        {
            return "no report declared";
        }

        var summaries = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(file));
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var facts = json.RootElement.EnumerateObject()
                    .Where(p => p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number
                        && (p.Name.Contains("pass", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("error", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("warning", StringComparison.OrdinalIgnoreCase)))
                    .Select(p => $"{p.Name} {p.Value.GetRawText()}")
                    .ToList();
                if (facts.Count > 0)
                {
                    summaries.Add($"{Path.GetRelativePath(folder, file).Replace('\\', '/')}: {string.Join(", ", facts)}");
                }
            }
            catch (JsonException)
            {
                // Not every JSON file of a report is a summary; the files themselves are in the evidence.
            }
        }

        var location = $"`{PackageLayout.EvidenceFolder}/validation/{dataset.Name}/`";
        return summaries.Count > 0 ? string.Join("; ", summaries) + " (" + location + ")" : "report in " + location;
    }

    private static void Section(StringBuilder text, string title, string body) => text.Append(CultureInfo.InvariantCulture, $"## {title}\n\n{body}\n\n");

    private static void Scalar(StringBuilder text, string key, string? value)
    {
        if (value is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"{key}: {Quoted(value)}\n");
        }
    }

    private static void List(StringBuilder text, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{key}:\n");
            foreach (var value in values)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {Quoted(value)}\n");
            }
        }
    }

    // A JSON string is a valid YAML double-quoted scalar, so quoting never depends on what the text holds.
    private static string Quoted(string value) => JsonSerializer.Serialize(value);

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    internal static string Number(double value) => double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";

    private static string Interval(LlmOps.Evaluation.Statistics.Interval interval) =>
        double.IsFinite(interval.Low) ? $"{Number(interval.Low)}–{Number(interval.High)}" : "n/a";
}
