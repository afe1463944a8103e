using System.Globalization;
using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Pipelines.Support.Steps;

// Runs the same training code as the in-process stage, with the container conventions of LlmOps:
// inputs under /llmops/inputs/<artifact>, outputs under /llmops/outputs/<artifact>, and metrics appended to
// /llmops/outputs/metrics.jsonl as {"name", "value", "step"} lines, which the executor shows as progress.
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal) && x.i + 1 < args.Length)
    .ToDictionary(x => x.a[2..], x => args[x.i + 1]);
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
