using LlmOps.Evaluation.Statistics;

namespace LlmOps.Evaluation;

/// <summary>What one rule of a gate found, with its numbers and the reason in words.</summary>
/// <param name="Rule">The rule's name (what <c>--override-gate</c> takes).</param>
/// <param name="Metric">The metric it judges.</param>
/// <param name="Status">Its conclusion.</param>
/// <param name="Statistic">What the interval is of: the metric, the difference with the champion, the gap between slices.</param>
/// <param name="Interval">The statistic's estimate and confidence interval; null on a cold start.</param>
/// <param name="Threshold">The threshold and where it came from.</param>
/// <param name="Reason">Why, in a sentence.</param>
public sealed record RuleOutcome(string Rule, string Metric, RuleStatus Status, string Statistic, Interval? Interval, Threshold Threshold, string Reason)
{
    /// <summary>McNemar's exact test of the paired pass/fail outcomes, for a comparison of a pass/fail metric.</summary>
    public McNemar? McNemar { get; init; }

    /// <summary>A warning about the rule's power (an eval set too small for the margin), or null.</summary>
    public string? Warning { get; init; }

    /// <summary>The override that let the rule through, or null.</summary>
    public GateOverride? Override { get; init; }

    /// <summary>Whether the rule lets the gate pass.</summary>
    public bool Passes => Status is RuleStatus.Pass or RuleStatus.Overridden or RuleStatus.ColdStart;
}
