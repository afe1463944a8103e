using System.Globalization;
using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Pipelines.Support.Steps;

// Runs the same training code as the in-process stage, with the container conventions of LlmOps:
// inputs under /llmops/inputs/<artifact>, outputs under /llmops/outputs/<artifact>, and metrics appended to
// /llmops/outputs/metrics.jsonl as {"name", "value", "step"} lines, which the executor shows as progress.
// Options come in pairs; a misspelt or unpaired one is an error rather than a silent fall-back to a default.
string[] known = ["input", "output", "metrics", "epochs", "l2"];
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i += 2)
{
    var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
    if (!known.Contains(name) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"support-trainer: unexpected argument '{args[i]}' (options: {string.Join(", ", known.Select(k => "--" + k))}, each with a value)");
        return 2;
    }

    options[name] = args[i + 1];
}

string Option(string name, string fallback) => options.GetValueOrDefault(name, fallback);

var input = Option("input", "/llmops/inputs/support-splits");
var output = Option("output", "/llmops/outputs/intent-model");
var metricsPath = Option("metrics", "/llmops/outputs/metrics.jsonl");
var epochs = int.Parse(Option("epochs", "3"), CultureInfo.InvariantCulture);
var l2 = double.Parse(Option("l2", "0.0001"), CultureInfo.InvariantCulture);

using var metrics = new StreamWriter(metricsPath, append: true) { AutoFlush = true };
try
{
    IntentModel.Train(input, output, epochs, l2, Console.WriteLine,
        (name, value, step) => metrics.WriteLine(JsonSerializer.Serialize(new { name, value, step })), CancellationToken.None);
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or StageFailedException)
{
    Console.Error.WriteLine($"support-trainer: {e.Message}");
    return 1;
}
