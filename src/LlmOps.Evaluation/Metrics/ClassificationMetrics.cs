namespace LlmOps.Evaluation;

/// <summary>Confusion-matrix metrics of a single-label classifier, recomputed on every resample and slice.</summary>
public static class ClassificationMetrics
{
    /// <summary>Macro F1 over the labels that occur (expected or predicted) in the subset.</summary>
    public static Metric MacroF1() => new Aggregate(Metric.MacroF1, true, records =>
    {
        var (labels, expected, predicted) = Encode(records);
        return indices => MacroF1Of(indices, labels.Count, expected, predicted);
    });

    /// <summary>Expected calibration error over 10 equal-width confidence bins; needs the predictor's confidences.</summary>
    public static Metric CalibrationError() => new Aggregate(Metric.CalibrationError, false, records =>
    {
        var confidence = records.Select(r => r.Confidence ?? throw new InvalidOperationException(
            $"{Metric.CalibrationError} needs the model's confidence for each answer; example '{r.Example.Id}' has none")).ToArray();
        var correct = records.Select(r => r.IsCorrect).ToArray();
        return indices => ExpectedCalibrationError(indices, confidence, correct);
    });

    /// <summary>
    /// Area under the ROC curve: the chance a random positive example scores above a random negative one (ties count
    /// half), scoring each example by the probability of <paramref name="positiveLabel"/> the predictor gave.
    /// </summary>
    public static Metric Auc(string positiveLabel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(positiveLabel);
        return new Aggregate(Metric.Auc, true, records =>
        {
            var positive = new bool[records.Count];
            var score = new double[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                var confidence = r.Confidence ?? throw new InvalidOperationException(
                    $"{Metric.Auc} needs the model's confidence for each answer; example '{r.Example.Id}' has none");
                positive[i] = string.Equals((r.Example.Expected ?? throw new InvalidOperationException(
                    $"{Metric.Auc} needs an expected label; example '{r.Example.Id}' has none")).Trim(), positiveLabel, StringComparison.Ordinal);
                score[i] = string.Equals(r.Output.Trim(), positiveLabel, StringComparison.Ordinal) ? confidence : 1 - confidence;
            }

            return RocAuc.Prepare(score, positive);
        }, $"positive={positiveLabel}");
    }

    /// <summary>Precision, recall and support per label on the whole eval set, for the report.</summary>
    public static IReadOnlyList<ClassScore> PerClass(IReadOnlyList<EvalRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var labels = records.Select(r => r.Example.Expected ?? "").Concat(records.Select(r => r.Output.Trim())).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return labels.Select(label =>
        {
            var tp = records.Count(r => r.IsCorrect && r.Output.Trim() == label);
            var fp = records.Count(r => !r.IsCorrect && r.Output.Trim() == label);
            var fn = records.Count(r => !r.IsCorrect && r.Example.Expected == label);
            return new ClassScore(label, Ratio(tp, tp + fp), Ratio(tp, tp + fn), tp + fn);
        }).Where(c => c.Support > 0).ToList();
    }

    internal static double MacroF1Of(ReadOnlySpan<int> indices, int labelCount, int[] expected, int[] predicted)
    {
        if (indices.IsEmpty)
        {
            return double.NaN;
        }

        Span<int> counts = labelCount * 3 <= 3072 ? stackalloc int[labelCount * 3] : new int[labelCount * 3];
        counts.Clear();
        foreach (var i in indices)
        {
            if (expected[i] == predicted[i])
            {
                counts[3 * expected[i]]++;              // true positive
            }
            else
            {
                counts[(3 * predicted[i]) + 1]++;       // false positive of the predicted label
                counts[(3 * expected[i]) + 2]++;        // false negative of the expected label
            }
        }

        double sum = 0;
        var present = 0;
        for (var label = 0; label < labelCount; label++)
        {
            int tp = counts[3 * label], fp = counts[(3 * label) + 1], fn = counts[(3 * label) + 2];
            if (tp + fp + fn == 0)
            {
                continue;
            }

            present++;
            sum += 2.0 * tp / ((2.0 * tp) + fp + fn);
        }

        return present == 0 ? double.NaN : sum / present;
    }

    private static double ExpectedCalibrationError(ReadOnlySpan<int> indices, double[] confidence, bool[] correct)
    {
        if (indices.IsEmpty)
        {
            return double.NaN;
        }

        const int Bins = 10;
        Span<double> confidenceSum = stackalloc double[Bins];
        Span<double> correctSum = stackalloc double[Bins];
        confidenceSum.Clear();
        correctSum.Clear();
        foreach (var i in indices)
        {
            var bin = Math.Min(Bins - 1, (int)(confidence[i] * Bins));
            confidenceSum[bin] += confidence[i];
            correctSum[bin] += correct[i] ? 1 : 0;
        }

        double error = 0;
        for (var bin = 0; bin < Bins; bin++)
        {
            error += Math.Abs(confidenceSum[bin] - correctSum[bin]);
        }

        return error / indices.Length;
    }

    private static (List<string> Labels, int[] Expected, int[] Predicted) Encode(IReadOnlyList<EvalRecord> records)
    {
        var labels = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int Code(string label)
        {
            if (!index.TryGetValue(label, out var code))
            {
                code = index[label] = labels.Count;
                labels.Add(label);
            }

            return code;
        }

        var expected = records.Select(r => Code((r.Example.Expected ?? throw new InvalidOperationException(
            $"{Metric.MacroF1} needs an expected label; example '{r.Example.Id}' has none")).Trim())).ToArray();
        var predicted = records.Select(r => Code(r.Output.Trim())).ToArray();
        return (labels, expected, predicted);
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private sealed class Aggregate(string name, bool higherIsBetter, Func<IReadOnlyList<EvalRecord>, Statistic> prepare, string description = "") : Metric(name, higherIsBetter)
    {
        public override string Describe() => description.Length == 0 ? Name : $"{Name}({description})";

        public override ValueTask<Measurement> MeasureAsync(IReadOnlyList<EvalRecord> records, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Measurement.Aggregate(prepare(records)));
    }
}

/// <summary>One label's scores on the whole eval set.</summary>
/// <param name="Label">The label.</param>
/// <param name="Precision">Share of answers with this label that were right.</param>
/// <param name="Recall">Share of examples with this label that were found.</param>
/// <param name="Support">Examples with this label.</param>
public sealed record ClassScore(string Label, double Precision, double Recall, int Support);
