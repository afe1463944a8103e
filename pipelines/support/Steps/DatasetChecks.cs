using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmOps.DataValidation;
using LlmOps.Dsl;

namespace LlmOps.Pipelines.Support.Steps;

/// <summary>Validation of the intent dataset with LlmOps.DataValidation, and a deterministic train/eval split.</summary>
public static class DatasetChecks
{
    public static readonly string[] Labels = ["billing", "refund", "shipping", "account_access", "technical_issue", "cancel_subscription"];

    /// <summary>
    /// Validates the source as <see cref="IntentExample"/> records, splits it deterministically, then validates the
    /// splits for duplicates and train/eval leakage. Reports of both passes go to <paramref name="reports"/>.
    /// </summary>
    public static void ValidateAndSplit(StageContext ctx, string source, DatasetArtifact output, ReportArtifact reports, double evalFraction)
    {
        var format = DatasetFormat.Custom<IntentExample>();
        DatasetValidationRunner.Run(ctx, [new DatasetSplit("intents", source) { DisplayPath = Path.GetFileName(source) }], format,
            IntentValidationRules.Source(), reports.Directory, "source-");

        // Validation passed, so every line is a well-formed example with a known label.
        var byText = new Dictionary<string, IntentExample>();
        var duplicates = 0;
        var conflicts = new List<string>();
        var lines = 0;
        foreach (var example in Read(source))
        {
            lines++;
            var key = Normalize(example.Text);
            if (byText.TryGetValue(key, out var seen))
            {
                duplicates++;
                if (seen.Label != example.Label)
                {
                    conflicts.Add($"{Path.GetFileName(source)}:{lines}: text: same text labelled '{seen.Label}' earlier and '{example.Label}' here");
                }

                continue;
            }

            byText[key] = example;
        }

        foreach (var conflict in conflicts.Take(20))
        {
            ctx.Log(conflict);
        }

        ctx.Log($"{lines} lines, {byText.Count} unique examples, {duplicates} duplicates dropped, {conflicts.Count} label conflicts (first label kept)");
        ctx.Metric("examples", byText.Count);
        ctx.Metric("duplicates", duplicates);

        // A hash of the normalised text decides the split, so an example never moves between splits when others change.
        var train = new List<IntentExample>();
        var eval = new List<IntentExample>();
        foreach (var (key, example) in byText.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var bucket = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0) / (double)uint.MaxValue;
            (bucket < evalFraction ? eval : train).Add(example);
        }

        Write(output.File("train.jsonl"), train);
        Write(output.File("eval.jsonl"), eval);
        DatasetValidationRunner.Run(ctx,
            [new DatasetSplit("train", output.File("train.jsonl")) { DisplayPath = "train.jsonl" }, new DatasetSplit("eval", output.File("eval.jsonl")) { DisplayPath = "eval.jsonl" }],
            format, IntentValidationRules.Splits(), reports.Directory, "splits-");

        var counts = Labels.ToDictionary(l => l, l => (Train: train.Count(e => e.Label == l), Eval: eval.Count(e => e.Label == l)));
        File.WriteAllText(output.File("validation.json"), JsonSerializer.Serialize(new
        {
            source = Path.GetFileName(source),
            lines,
            unique = byText.Count,
            duplicates,
            conflicts = conflicts.Count,
            train = train.Count,
            eval = eval.Count,
            perLabel = counts.ToDictionary(kv => kv.Key, kv => new { train = kv.Value.Train, eval = kv.Value.Eval }),
        }, new JsonSerializerOptions { WriteIndented = true }));

        var table = new StringBuilder("### Dataset split\n\n| label | train | eval |\n|---|---:|---:|\n");
        foreach (var (label, (t, e)) in counts)
        {
            table.Append($"| {label} | {t} | {e} |\n");
        }

        table.Append($"\n{lines} lines, {byText.Count} unique, {duplicates} duplicates dropped, {conflicts.Count} label conflicts.\n");
        ctx.Summary(table.ToString());
    }

    static string Normalize(string text) => string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static List<IntentExample> Read(string path) =>
        File.ReadLines(path).Select(l => JsonSerializer.Deserialize<IntentExample>(l, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!).ToList();

    static void Write(string path, IEnumerable<IntentExample> examples) =>
        File.WriteAllLines(path, examples.Select(e => JsonSerializer.Serialize(new { text = e.Text, label = e.Label })));
}
