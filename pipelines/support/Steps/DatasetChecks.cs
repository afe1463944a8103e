using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmOps.Dsl;

namespace LlmOps.Pipelines.Support.Steps;

/// <summary>Schema, label and duplicate checks on the intent dataset, and a deterministic train/eval split.</summary>
public static class DatasetChecks
{
    public static readonly string[] Labels = ["billing", "refund", "shipping", "account_access", "technical_issue", "cancel_subscription"];
    const int MaxTextLength = 2000;
    const double MaxInvalidRate = 0.01;

    public static void ValidateAndSplit(StageContext ctx, string source, DatasetArtifact output, double evalFraction)
    {
        if (!File.Exists(source))
        {
            throw new StageFailedException($"{source}: dataset not found");
        }

        var problems = new List<string>();
        var byText = new Dictionary<string, IntentExample>();
        var duplicates = 0;
        var conflicts = 0;
        var lines = 0;
        foreach (var line in File.ReadLines(source))
        {
            lines++;
            var example = Parse(line, lines, source, problems);
            if (example is null)
            {
                continue;
            }

            var key = Normalize(example.Text);
            if (byText.TryGetValue(key, out var seen))
            {
                duplicates++;
                if (seen.Label != example.Label)
                {
                    conflicts++;
                    problems.Add($"{Path.GetFileName(source)}:{lines}: text: same text labelled '{seen.Label}' earlier and '{example.Label}' here");
                }

                continue;
            }

            byText[key] = example;
        }

        foreach (var problem in problems.Take(20))
        {
            ctx.Log(problem);
        }

        var invalidRate = lines == 0 ? 1 : (double)(problems.Count - conflicts) / lines;
        ctx.Log($"{lines} lines, {byText.Count} unique examples, {duplicates} duplicates dropped, {problems.Count} problems");
        ctx.Metric("examples", byText.Count);
        ctx.Metric("duplicates", duplicates);
        if (lines == 0 || invalidRate > MaxInvalidRate)
        {
            throw new StageFailedException($"{Path.GetFileName(source)}: {problems.Count} invalid lines of {lines} ({invalidRate:P1}) exceed the {MaxInvalidRate:P0} allowed; first: {problems.FirstOrDefault()}");
        }

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
        var counts = Labels.ToDictionary(l => l, l => (Train: train.Count(e => e.Label == l), Eval: eval.Count(e => e.Label == l)));
        File.WriteAllText(output.File("validation.json"), JsonSerializer.Serialize(new
        {
            source = Path.GetFileName(source),
            lines,
            unique = byText.Count,
            duplicates,
            conflicts,
            problems = problems.Take(100),
            train = train.Count,
            eval = eval.Count,
            perLabel = counts.ToDictionary(kv => kv.Key, kv => new { train = kv.Value.Train, eval = kv.Value.Eval }),
        }, new JsonSerializerOptions { WriteIndented = true }));

        var table = new StringBuilder("### Dataset validation\n\n| label | train | eval |\n|---|---:|---:|\n");
        foreach (var (label, (t, e)) in counts)
        {
            table.Append($"| {label} | {t} | {e} |\n");
        }

        table.Append($"\n{lines} lines, {byText.Count} unique, {duplicates} duplicates dropped, {problems.Count} problems.\n");
        ctx.Summary(table.ToString());
    }

    static IntentExample? Parse(string line, int number, string source, List<string> problems)
    {
        var where = $"{Path.GetFileName(source)}:{number}";
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{where}: expected a JSON object");
                return null;
            }

            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString()))
            {
                problems.Add($"{where}: text: missing, not a string, or empty");
                return null;
            }

            if (text.GetString()!.Length > MaxTextLength)
            {
                problems.Add($"{where}: text: longer than {MaxTextLength} characters");
                return null;
            }

            if (!root.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String || !Labels.Contains(label.GetString()))
            {
                problems.Add($"{where}: label: must be one of {string.Join(", ", Labels)}");
                return null;
            }

            return new IntentExample { Text = text.GetString()!, Label = label.GetString()! };
        }
        catch (JsonException e)
        {
            problems.Add($"{where}:{e.BytePositionInLine + 1}: malformed JSON");
            return null;
        }
    }

    static string Normalize(string text) => string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static List<IntentExample> Read(string path) =>
        File.ReadLines(path).Select(l => JsonSerializer.Deserialize<IntentExample>(l, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!).ToList();

    static void Write(string path, IEnumerable<IntentExample> examples) =>
        File.WriteAllLines(path, examples.Select(e => JsonSerializer.Serialize(new { text = e.Text, label = e.Label })));
}
