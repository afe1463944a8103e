using LlmOps.Evaluation.Statistics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace LlmOps.Evaluation.Tests.Metrics;

public sealed class ClassificationMetricTests
{
    private static readonly string[] Labels = ["billing", "refund", "shipping"];

    [Fact]
    public async Task Macro_f1_and_per_class_precision_and_recall_agree_with_the_ml_net_evaluator()
    {
        var rng = new Random(11);
        var records = Enumerable.Range(0, 300).Select(i =>
        {
            var expected = Labels[rng.Next(3)];
            var output = rng.NextDouble() < 0.7 ? expected : Labels[rng.Next(3)];
            return new EvalRecord(new EvalExample($"e{i}", "", expected, new Dictionary<string, string>()), output);
        }).ToList();

        var macro = (await ClassificationMetrics.MacroF1().MeasureAsync(records, TestContext.Current.CancellationToken)).Over(Enumerable.Range(0, 300).ToArray());
        var perClass = ClassificationMetrics.PerClass(records);

        var confusion = MlNetConfusion(records);
        var f1 = Enumerable.Range(0, 3).Select(c => 2 * confusion.PerClassPrecision[c] * confusion.PerClassRecall[c] / (confusion.PerClassPrecision[c] + confusion.PerClassRecall[c]));
        Assert.True(Math.Abs(f1.Average() - macro) < 1e-9, $"ML.NET P {string.Join(',', confusion.PerClassPrecision)} R {string.Join(',', confusion.PerClassRecall)} ours {macro}");
        for (var c = 0; c < 3; c++)
        {
            var label = Labels[c];
            Assert.Equal(confusion.PerClassPrecision[c], perClass.Single(p => p.Label == label).Precision, 9);
            Assert.Equal(confusion.PerClassRecall[c], perClass.Single(p => p.Label == label).Recall, 9);
        }
    }

    [Fact]
    public async Task Calibration_error_is_zero_for_honest_confidences_and_large_for_overconfident_ones()
    {
        var honest = Enumerable.Range(0, 1000).Select(i => Record(i, correct: i % 10 < 7, confidence: 0.7)).ToList();
        var overconfident = Enumerable.Range(0, 1000).Select(i => Record(i, correct: i % 10 < 5, confidence: 0.99)).ToList();
        var all = Enumerable.Range(0, 1000).ToArray();

        Assert.Equal(0, (await ClassificationMetrics.CalibrationError().MeasureAsync(honest, TestContext.Current.CancellationToken)).Over(all), 9);
        Assert.Equal(0.49, (await ClassificationMetrics.CalibrationError().MeasureAsync(overconfident, TestContext.Current.CancellationToken)).Over(all), 9);
    }

    [Fact]
    public async Task Auc_agrees_with_the_ml_net_binary_classification_evaluator()
    {
        var rng = new Random(5);
        var records = Enumerable.Range(0, 500).Select(i =>
        {
            var spam = rng.NextDouble() < 0.4;
            var pSpam = Math.Clamp((spam ? 0.65 : 0.35) + ((rng.NextDouble() - 0.5) * 0.8), 0.001, 0.999);
            var output = pSpam >= 0.5 ? "spam" : "ham";
            return new EvalRecord(new EvalExample($"e{i}", "", spam ? "spam" : "ham", new Dictionary<string, string>()), output, output == "spam" ? pSpam : 1 - pSpam);
        }).ToList();

        var auc = (await ClassificationMetrics.Auc("spam").MeasureAsync(records, TestContext.Current.CancellationToken)).Over(Enumerable.Range(0, 500).ToArray());

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(records.Select(r => new BinaryRow
        {
            Label = r.Example.Expected == "spam",
            Score = (float)(r.Output == "spam" ? r.Confidence!.Value : 1 - r.Confidence!.Value),
            PredictedLabel = r.Output == "spam",
        }));
        var reference = ml.BinaryClassification.EvaluateNonCalibrated(data).AreaUnderRocCurve;
        Assert.True(auc > 0.7 && auc < 0.99, $"AUC {auc}");
        Assert.Equal(reference, auc, 6);
    }

    [Fact]
    public async Task Auc_of_a_resample_counts_repeated_examples_again_and_ties_half()
    {
        // Scores: positives 0.9, 0.5; negatives 0.5, 0.1. Pairs: (0.9>0.5) (0.9>0.1) (0.5=0.5 -> half) (0.5>0.1) = 3.5 / 4.
        EvalRecord R(int i, string expected, double pSpam) =>
            new(new EvalExample($"e{i}", "", expected, new Dictionary<string, string>()), "spam", pSpam);
        var records = new[] { R(0, "spam", 0.9), R(1, "spam", 0.5), R(2, "ham", 0.5), R(3, "ham", 0.1) };
        var measured = await ClassificationMetrics.Auc("spam").MeasureAsync(records, TestContext.Current.CancellationToken);

        Assert.Equal(3.5 / 4, measured.Over([0, 1, 2, 3]), 12);

        // Example 1 twice: positives 0.9, 0.5, 0.5 against negatives 0.5, 0.1: (2 + 1.5 + 1.5) / 6.
        Assert.Equal(5.0 / 6, measured.Over([0, 1, 1, 2, 3]), 12);
        Assert.True(double.IsNaN(measured.Over([0, 1])), "a subset without negatives has no AUC");
    }

    [Fact]
    public async Task Latency_percentiles_match_numpy_linear_interpolation()
    {
        var records = Enumerable.Range(1, 100).Select(i => Record(i, true, null, latency: i)).ToList();
        var all = Enumerable.Range(0, 100).ToArray();

        Assert.Equal(50.5, (await new LatencyMetric(Metric.LatencyP50, 0.5).MeasureAsync(records, TestContext.Current.CancellationToken)).Over(all), 9);
        Assert.Equal(95.05, (await new LatencyMetric(Metric.LatencyP95, 0.95).MeasureAsync(records, TestContext.Current.CancellationToken)).Over(all), 9);
        Assert.Equal(95.05, Quantiles.OfSorted([.. Enumerable.Range(1, 100).Select(i => (double)i)], 0.95), 9);
    }

    private static EvalRecord Record(int i, bool correct, double? confidence, double? latency = null) =>
        new(new EvalExample($"e{i}", "", "a", new Dictionary<string, string>()), correct ? "a" : "b", confidence, latency);

    private static ConfusionMatrix MlNetConfusion(IReadOnlyList<EvalRecord> records)
    {
        var ml = new MLContext(seed: 1);
        var rows = records.Select(r => new Row { Label = r.Example.Expected!, Predicted = r.Output, Score = Score(r.Output) }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var keys = ml.Data.LoadFromEnumerable(Labels.Select(l => new Key { Label = l }));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyData: keys)
            .Append(ml.Transforms.Conversion.MapValueToKey("Predicted", "Predicted", keyData: keys))
            .Fit(data).Transform(data);
        return ml.MulticlassClassification.Evaluate(keyed, labelColumnName: "Label", scoreColumnName: "Score", predictedLabelColumnName: "Predicted").ConfusionMatrix;
    }

    private static float[] Score(string output)
    {
        var score = new float[3];
        score[Array.IndexOf(Labels, output)] = 1;
        return score;
    }

    private sealed class BinaryRow
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }

    private sealed class Key
    {
        public string Label { get; set; } = "";
    }

    private sealed class Row
    {
        public string Label { get; set; } = "";

        public string Predicted { get; set; } = "";

        [VectorType(3)]
        public float[] Score { get; set; } = [];
    }
}
