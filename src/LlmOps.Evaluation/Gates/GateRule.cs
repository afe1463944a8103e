using System.Globalization;
using LlmOps.Evaluation.Statistics;

namespace LlmOps.Evaluation;

/// <summary>One rule of a gate. It judges an interval, never a point estimate, so luck on a small eval set cannot pass it.</summary>
public abstract class GateRule
{
    /// <param name="name">The rule's name, or null for the conventional one.</param>
    /// <param name="metric">The metric it judges.</param>
    /// <param name="threshold">Its threshold.</param>
    /// <param name="confidence">The confidence of its interval.</param>
    private protected GateRule(string? name, string metric, Threshold threshold, double confidence)
    {
        if (confidence is <= 0.5 or >= 1)
        {
            throw new ArgumentException($"confidence must be between 0.5 and 1 (e.g. 0.95), got {confidence.ToString(CultureInfo.InvariantCulture)}");
        }

        Metric = string.IsNullOrWhiteSpace(metric) ? throw new ArgumentException("a rule needs a metric") : metric;
        Threshold = threshold;
        Confidence = confidence;
        Name = name ?? DefaultName;
    }

    /// <summary>The rule's name.</summary>
    public string Name { get; }

    /// <summary>The source file of the pipeline line that declared the rule, when the compiler supplied it.</summary>
    public string? DeclaredIn { get; internal set; }

    /// <summary>That line, 1-based.</summary>
    public int? DeclaredAt { get; internal set; }

    /// <summary>The metric it judges.</summary>
    public string Metric { get; }

    /// <summary>Its threshold.</summary>
    public Threshold Threshold { get; }

    /// <summary>The confidence of its interval.</summary>
    public double Confidence { get; }

    /// <summary>Whether it needs slices declared.</summary>
    public virtual bool NeedsSlices => false;

    /// <summary>The champion it compares against, or null.</summary>
    public virtual Champion? Champion => null;

    /// <summary>The conventional name of the rule.</summary>
    protected abstract string DefaultName { get; }

    /// <summary>The rule as a canonical string, for the cache key.</summary>
    public string Describe() => FormattableString.Invariant($"{Name}:{GetType().Name}({Metric},{Threshold.Value:R},{Confidence:R})");

    /// <summary>Judges the rule on the analysed eval set.</summary>
    internal abstract RuleOutcome Judge(GateAnalysis analysis);

    /// <summary>Pass when the interval is wholly at or above <paramref name="threshold"/>, fail when wholly below, else inconclusive.</summary>
    private protected static RuleStatus Above(Interval interval, double threshold) =>
        interval.Low >= threshold ? RuleStatus.Pass : interval.High < threshold ? RuleStatus.Fail : RuleStatus.Inconclusive;

    /// <summary>Pass when the interval is wholly at or below <paramref name="threshold"/>, fail when wholly above, else inconclusive.</summary>
    private protected static RuleStatus Below(Interval interval, double threshold) =>
        interval.High <= threshold ? RuleStatus.Pass : interval.Low > threshold ? RuleStatus.Fail : RuleStatus.Inconclusive;

    private protected static string Percent(double confidence) => (confidence * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>Judges the candidate's interval of <see cref="Metric"/> against the threshold on one side.</summary>
    private protected RuleOutcome JudgeAgainstThreshold(GateAnalysis analysis, Func<Interval, double, RuleStatus> side, string passes, string fails)
    {
        var interval = analysis.Interval(analysis.Candidate(Metric).Over, Confidence);
        var status = side(interval, Threshold.Value);
        var reason = status switch
        {
            RuleStatus.Pass => $"{Metric} {Bounds(interval)} is {passes} {Format(Threshold.Value)}",
            RuleStatus.Fail => $"{Metric} {Bounds(interval)} is {fails} {Format(Threshold.Value)}",
            _ => $"{Metric} {Bounds(interval)} straddles {Format(Threshold.Value)}: the eval set cannot tell",
        };
        return new RuleOutcome(Name, Metric, status, Metric, interval, Threshold, reason);
    }

    private protected static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private protected string Bounds(Interval interval) =>
        $"{Format(interval.Estimate)} ({Percent(Confidence)} CI {Format(interval.Low)} to {Format(interval.High)})";
}
