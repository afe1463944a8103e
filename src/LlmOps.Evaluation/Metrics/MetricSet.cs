using System.Linq.Expressions;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmOps.DataValidation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmOps.Evaluation;

/// <summary>The metrics of an evaluation stage and the slices they are broken down by: <c>.Metrics(m =&gt; m.Accuracy().MacroF1().BySlice(x =&gt; x.Expected!))</c>.</summary>
public sealed partial class MetricSet
{
    private readonly List<Metric> _metrics = [];

    /// <summary>The declared metrics, in declaration order.</summary>
    public IReadOnlyList<Metric> All => _metrics;

    /// <summary>How examples are grouped into slices, or null: no slices.</summary>
    public Func<EvalExample, string>? Slice { get; private set; }

    /// <summary>The slice expression as text (for the cache key and the report), or null.</summary>
    public string? SliceDescription { get; private set; }

    /// <summary>Share of answers equal to the expected label.</summary>
    public MetricSet Accuracy() => Add(new PerExampleMetric(Metric.Accuracy, true, r => r.IsCorrect ? 1 : 0));

    /// <summary>Unweighted mean of per-class F1.</summary>
    public MetricSet MacroF1() => Add(ClassificationMetrics.MacroF1());

    /// <summary>Micro F1; for single-label classification it is the share of right answers.</summary>
    public MetricSet MicroF1() => Add(new PerExampleMetric(Metric.MicroF1, true, r => r.IsCorrect ? 1 : 0));

    /// <summary>
    /// Area under the ROC curve of a binary classifier: the predictor's confidence in its answer, read as the
    /// probability of <paramref name="positiveLabel"/> (one minus it when the answer is the other label).
    /// </summary>
    public MetricSet Auc(string positiveLabel) => Add(ClassificationMetrics.Auc(positiveLabel));

    /// <summary>Expected calibration error; needs confidences from the predictor.</summary>
    public MetricSet CalibrationError() => Add(ClassificationMetrics.CalibrationError());

    /// <summary>Normalised exact match with the reference.</summary>
    public MetricSet ExactMatch() => Add(new PerExampleMetric(Metric.ExactMatch, true, r => TextScores.ExactMatch(r.Output, Reference(r))));

    /// <summary>Token-overlap F1 with the reference.</summary>
    public MetricSet TokenF1() => Add(new PerExampleMetric(Metric.TokenF1, true, r => TextScores.TokenF1(r.Output, Reference(r))));

    /// <summary>ROUGE-L F1 with the reference.</summary>
    public MetricSet RougeL() => Add(new PerExampleMetric(Metric.RougeL, true, r => TextScores.RougeL(r.Output, Reference(r))));

    /// <summary>chrF with the reference.</summary>
    public MetricSet ChrF() => Add(new PerExampleMetric(Metric.ChrF, true, r => TextScores.ChrF(r.Output, Reference(r))));

    /// <summary>Share of answers that parse as JSON.</summary>
    public MetricSet JsonValid() => Add(new PerExampleMetric(Metric.JsonValid, true, r => IsJson(r.Output) ? 1 : 0));

    /// <summary>Share of answers matching <paramref name="pattern"/>, as metric <paramref name="name"/>.</summary>
    public MetricSet Matches(string name, string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return Add(new PerExampleMetric(name, true, r => regex.IsMatch(r.Output) ? 1 : 0, pattern));
    }

    /// <summary>Share of answers containing <paramref name="text"/> (ordinal), as metric <paramref name="name"/>.</summary>
    public MetricSet Contains(string name, string text) =>
        Add(new PerExampleMetric(name, true, r => r.Output.Contains(text, StringComparison.Ordinal) ? 1 : 0, text));

    /// <summary>Share of answers that refuse ("I can't", "I'm sorry", "as an AI"); lower is better.</summary>
    public MetricSet RefusalRate() => Add(new PerExampleMetric(Metric.RefusalRate, false, r => RefusalPattern().IsMatch(r.Output) ? 1 : 0));

    /// <summary>
    /// Share of answers holding personal data or secrets as the dataset validator finds them (<c>pii-in-output</c>),
    /// and per kind (<c>pii-in-output.email</c>, <c>pii-in-output.payment-card</c>...); lower is better.
    /// </summary>
    /// <param name="kinds">The kinds to look for; every kind by default.</param>
    /// <param name="options">The detectors' settings (phone region, version-like addresses); the validator's defaults when null.</param>
    public MetricSet NoPiiInOutput(PiiKind kinds = PiiKind.All, PiiOptions? options = null)
    {
        if (kinds == PiiKind.None)
        {
            throw new ArgumentException("NoPiiInOutput needs at least one kind of PII to look for", nameof(kinds));
        }

        foreach (var metric in PiiInOutputMetric.For(kinds, options ?? PiiOptions.Default))
        {
            Add(metric);
        }

        return this;
    }

    /// <summary>Mean answer length in whitespace-separated tokens; lower is better.</summary>
    public MetricSet OutputLength() =>
        Add(new PerExampleMetric(Metric.OutputLength, false, r => r.Output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length));

    /// <summary>Median and 95th percentile latency.</summary>
    public MetricSet Latency() => Add(new LatencyMetric(Metric.LatencyP50, 0.5)).Add(new LatencyMetric(Metric.LatencyP95, 0.95));

    /// <summary>Mean prompt and completion tokens per answer, from the chat responses' usage; lower is better.</summary>
    public MetricSet Tokens() =>
        Add(new PerExampleMetric(Metric.InputTokens, false, r => TokenUsage.Input(r, Metric.InputTokens)))
        .Add(new PerExampleMetric(Metric.OutputTokens, false, r => TokenUsage.Output(r, Metric.OutputTokens)));

    /// <summary>
    /// Mean cost per answer (metric <c>cost</c>, lower is better) from the chat responses' token usage and the declared
    /// prices per 1,000 prompt and completion tokens, in whatever currency the prices are in.
    /// </summary>
    public MetricSet Cost(decimal inputPricePer1K, decimal outputPricePer1K) =>
        Add(TokenUsage.CostMetric(inputPricePer1K, outputPricePer1K));

    /// <summary>A custom per-example score whose mean is the metric.</summary>
    public MetricSet Custom(string name, Func<EvalRecord, double> score, bool higherIsBetter = true) =>
        Add(new PerExampleMetric(name, higherIsBetter, score ?? throw new ArgumentNullException(nameof(score))));

    /// <summary>A metric of any Microsoft.Extensions.AI.Evaluation evaluator.</summary>
    public MetricSet Evaluator(string name, IEvaluator evaluator, string evaluatorMetric, ChatConfiguration? configuration = null) =>
        Add(new EvaluatorMetric(name, evaluator, evaluatorMetric, configuration));

    /// <summary>LLM-as-judge: <paramref name="client"/> grades each answer against <paramref name="rubric"/> (metric <c>judge</c>, 0..1).</summary>
    public MetricSet Judge(string rubric, IChatClient client, string name = JudgeEvaluator.MetricName) =>
        Add(new EvaluatorMetric(name, new JudgeEvaluator(rubric), JudgeEvaluator.MetricName, new ChatConfiguration(client)));

    /// <summary>Any other metric.</summary>
    public MetricSet Add(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (_metrics.Any(m => m.Name == metric.Name))
        {
            throw new ArgumentException($"metric '{metric.Name}' is declared twice");
        }

        _metrics.Add(metric);
        return this;
    }

    /// <summary>Breaks every metric down by the value of <paramref name="slice"/> (an intent, a language).</summary>
    public MetricSet BySlice(Expression<Func<EvalExample, string>> slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        Slice = slice.Compile();
        SliceDescription = slice.ToString();
        return this;
    }

    /// <summary>The metrics and slices as a canonical string, for the cache key.</summary>
    public string Describe() => string.Join(",", _metrics.Select(m => m.Describe())) + (SliceDescription is null ? "" : $";slice={SliceDescription}");

    private static string Reference(EvalRecord record) =>
        record.Example.Expected ?? throw new InvalidOperationException($"example '{record.Example.Id}' has no reference answer");

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\b(I can(no|')t|I'm sorry|I am sorry|I'm unable|I am unable|as an AI)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RefusalPattern();
}
