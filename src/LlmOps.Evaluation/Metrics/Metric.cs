namespace LlmOps.Evaluation;

/// <summary>
/// A metric of an eval set. Per-example work (a judge call, a JSON parse) happens once in <see cref="MeasureAsync"/>;
/// the resulting <see cref="Measurement"/> is then recomputed cheaply on every bootstrap resample and slice.
/// </summary>
/// <param name="name">The metric's name in rules, reports and tracked metrics.</param>
/// <param name="higherIsBetter">Whether a larger value is an improvement (accuracy) or a regression (latency).</param>
public abstract class Metric(string name, bool higherIsBetter)
{
    /// <summary>Share of answers equal to the expected label.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Unweighted mean of per-class F1.</summary>
    public const string MacroF1 = "macro-f1";

    /// <summary>F1 over all decisions (for single-label classification, equal to accuracy).</summary>
    public const string MicroF1 = "micro-f1";

    /// <summary>Expected calibration error of the classifier's confidences (10 equal-width bins).</summary>
    public const string CalibrationError = "calibration-error";

    /// <summary>Share of answers equal to the reference after normalisation (case, punctuation, articles, spaces).</summary>
    public const string ExactMatch = "exact-match";

    /// <summary>Token-overlap F1 with the reference (SQuAD's definition).</summary>
    public const string TokenF1 = "token-f1";

    /// <summary>Longest-common-subsequence F1 with the reference.</summary>
    public const string RougeL = "rouge-l";

    /// <summary>Character n-gram F-score with the reference (chrF, β = 2, n ≤ 6).</summary>
    public const string ChrF = "chrf";

    /// <summary>Share of answers that parse as JSON.</summary>
    public const string JsonValid = "json-valid";

    /// <summary>Share of answers that refuse.</summary>
    public const string RefusalRate = "refusal-rate";

    /// <summary>Share of answers holding personal data or secrets (the dataset validator's detectors); per kind as <c>pii-in-output.&lt;kind&gt;</c>.</summary>
    public const string PiiInOutput = "pii-in-output";

    /// <summary>Mean answer length in whitespace-separated tokens.</summary>
    public const string OutputLength = "output-length";

    /// <summary>Area under the ROC curve of a binary classifier's probability of the positive label.</summary>
    public const string Auc = "auc";

    /// <summary>Mean prompt tokens per answer, as the endpoint reported them.</summary>
    public const string InputTokens = "input-tokens";

    /// <summary>Mean completion tokens per answer, as the endpoint reported them.</summary>
    public const string OutputTokens = "output-tokens";

    /// <summary>Mean cost per answer from the reported tokens and the declared prices per 1,000 tokens.</summary>
    public const string Cost = "cost";

    /// <summary>e to the trainer's reported mean token loss; lower is better.</summary>
    public const string Perplexity = "perplexity";

    /// <summary>Median latency in milliseconds.</summary>
    public const string LatencyP50 = "latency-p50";

    /// <summary>95th percentile latency in milliseconds.</summary>
    public const string LatencyP95 = "latency-p95";

    /// <summary>The metric's name.</summary>
    public string Name { get; } = ValidName(name);

    /// <summary>Whether a larger value is better.</summary>
    public bool HigherIsBetter { get; } = higherIsBetter;

    /// <summary>The metric's settings as a canonical string, for the stage's cache key.</summary>
    public virtual string Describe() => Name;

    /// <summary>Scores the records once; the measurement is then recomputed per resample and slice.</summary>
    public abstract ValueTask<Measurement> MeasureAsync(IReadOnlyList<EvalRecord> records, CancellationToken cancellationToken);

    private static string ValidName(string name) =>
        !string.IsNullOrWhiteSpace(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? name
            : throw new ArgumentException($"metric name '{name}' is not valid: use letters, digits, '-', '_' or '.'", nameof(name));
}
