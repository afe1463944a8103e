using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmOps.Dsl;

namespace LlmOps.Pipelines.Support.Steps;

/// <summary>
/// Held-out evaluation with a statistically sound gate: the model passes only when the lower end of the 95% Wilson
/// interval of its accuracy reaches the threshold, so a small or lucky eval set cannot pass a weak model.
/// </summary>
public static class Evaluation
{
    public static void Run(StageContext ctx, ModelArtifact model, DatasetArtifact splits, EvalReportArtifact output, double minAccuracy)
    {
        var eval = DatasetChecks.Read(splits.File("eval.jsonl"));
        var predicted = IntentModel.Predict(model, eval);
        var correct = eval.Zip(predicted).Count(p => p.First.Label == p.Second);
        var accuracy = (double)correct / eval.Count;
        var (low, high) = Wilson(correct, eval.Count, 1.96);
        var perLabel = DatasetChecks.Labels.Select(label =>
        {
            var tp = eval.Zip(predicted).Count(p => p.First.Label == label && p.Second == label);
            var fp = eval.Zip(predicted).Count(p => p.First.Label != label && p.Second == label);
            var fn = eval.Zip(predicted).Count(p => p.First.Label == label && p.Second != label);
            var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new LabelScore(label, precision, recall, f1, tp + fn);
        }).ToList();
        var macroF1 = perLabel.Average(l => l.F1);
        var passed = low >= minAccuracy;

        ctx.Metric("eval_accuracy", accuracy);
        ctx.Metric("eval_accuracy_low95", low);
        ctx.Metric("eval_macro_f1", macroF1);
        var report = new EvalReport(eval.Count, correct, accuracy, low, high, macroF1, minAccuracy, passed, perLabel);
        File.WriteAllText(output.File("eval.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        var markdown = Markdown(report);
        File.WriteAllText(output.File("eval.md"), markdown);
        File.WriteAllText(output.File("eval.html"), Html(report, markdown));
        ctx.Summary(markdown);
        ctx.Log($"accuracy {accuracy:P2} (95% CI {low:P2}-{high:P2}) on {eval.Count} held-out examples, macro F1 {macroF1:0.000}");
        if (!passed)
        {
            throw new StageFailedException($"gate failed: the 95% lower bound of accuracy {low:P2} is below the required {minAccuracy:P2} (accuracy {accuracy:P2} on {eval.Count} examples)");
        }
    }

    /// <summary>The Wilson score interval, which behaves well near 0 and 1 and on small samples, unlike the normal approximation.</summary>
    public static (double Low, double High) Wilson(int successes, int trials, double z)
    {
        if (trials == 0)
        {
            return (0, 1);
        }

        var p = (double)successes / trials;
        var denominator = 1 + (z * z / trials);
        var centre = (p + (z * z / (2 * trials))) / denominator;
        var margin = z * Math.Sqrt((p * (1 - p) / trials) + (z * z / (4.0 * trials * trials))) / denominator;
        return (Math.Max(0, centre - margin), Math.Min(1, centre + margin));
    }

    static string Markdown(EvalReport r)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### Evaluation gate: {(r.Passed ? "PASSED" : "FAILED")}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Accuracy **{r.Accuracy:P2}** on {r.Examples} held-out examples (95% Wilson interval {r.AccuracyLow95:P2} to {r.AccuracyHigh95:P2}); the gate needs the lower bound to reach {r.MinAccuracy:P2}. Macro F1 {r.MacroF1:0.000}.\n\n");
        text.Append("| intent | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|\n");
        foreach (var l in r.PerLabel)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {l.Label} | {l.Precision:0.000} | {l.Recall:0.000} | {l.F1:0.000} | {l.Support} |\n");
        }

        return text.ToString();
    }

    static string Html(EvalReport r, string markdown)
    {
        // A bar per intent (F1) with the gate line, as inline SVG: no script, no network, opens anywhere.
        var bars = new StringBuilder();
        for (var i = 0; i < r.PerLabel.Count; i++)
        {
            var l = r.PerLabel[i];
            var width = (int)(l.F1 * 400);
            var y = 20 + (i * 28);
            bars.Append(CultureInfo.InvariantCulture, $"<text x='0' y='{y + 14}' font-size='12'>{l.Label}</text><rect x='150' y='{y}' width='{width}' height='20' fill='{(l.F1 >= r.MinAccuracy ? "#2e7d32" : "#c62828")}'/><text x='{155 + width}' y='{y + 14}' font-size='12'>{l.F1:0.000}</text>");
        }

        var gateX = 150 + (int)(r.MinAccuracy * 400);
        var height = 40 + (r.PerLabel.Count * 28);
        return $"<!doctype html><html><head><meta charset='utf-8'><title>Intent model evaluation</title></head><body style='font-family:sans-serif'>" +
               $"<h1>Intent model evaluation: {(r.Passed ? "passed" : "failed")}</h1><svg width='620' height='{height}'>{bars}<line x1='{gateX}' x2='{gateX}' y1='10' y2='{height - 10}' stroke='#333' stroke-dasharray='4 3'/></svg>" +
               $"<pre>{System.Net.WebUtility.HtmlEncode(markdown)}</pre></body></html>";
    }

    public sealed record LabelScore(string Label, double Precision, double Recall, double F1, int Support);

    public sealed record EvalReport(int Examples, int Correct, double Accuracy, double AccuracyLow95, double AccuracyHigh95, double MacroF1, double MinAccuracy, bool Passed, IReadOnlyList<LabelScore> PerLabel);
}
