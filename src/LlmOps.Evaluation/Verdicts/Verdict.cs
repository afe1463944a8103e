using LlmOps.Evaluation.Statistics;

namespace LlmOps.Evaluation;

/// <summary>The outcome of a gate: every rule with its numbers, every metric with its interval, and what was overridden.</summary>
/// <param name="Passed">Whether every rule passed, was overridden, or is a stated cold start.</param>
/// <param name="Examples">Examples in the eval set.</param>
/// <param name="Resamples">Bootstrap resamples per interval.</param>
/// <param name="Seed">The bootstrap's seed.</param>
/// <param name="Champion">Where the champion was looked for ("none" when the gate has none).</param>
/// <param name="ColdStart">Whether there was no champion to compare with.</param>
/// <param name="Rules">Every rule's outcome.</param>
/// <param name="Metrics">Every metric, overall and per slice, for candidate and champion.</param>
/// <param name="Classes">Per-class precision and recall, for classifiers.</param>
/// <param name="Warnings">Things a reviewer should know: too few examples for a margin, thresholds changed from their defaults.</param>
public sealed record Verdict(
    bool Passed,
    int Examples,
    int Resamples,
    ulong Seed,
    string Champion,
    bool ColdStart,
    IReadOnlyList<RuleOutcome> Rules,
    IReadOnlyList<MetricResult> Metrics,
    IReadOnlyList<ClassScore> Classes,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The rules that hold the gate shut.</summary>
    public IEnumerable<RuleOutcome> Blocking => Rules.Where(r => !r.Passes);

    /// <summary>Thresholds in force that differ from their committed defaults.</summary>
    public IEnumerable<RuleOutcome> ChangedThresholds => Rules.Where(r => r.Threshold.ChangedFromDefault);
}

/// <summary>A metric on the whole eval set or one slice.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Slice">The slice, or null for the whole eval set.</param>
/// <param name="Examples">Examples in the slice.</param>
/// <param name="Candidate">The candidate's value and interval.</param>
/// <param name="Champion">The champion's value and interval, or null without one.</param>
public sealed record MetricResult(string Metric, string? Slice, int Examples, Interval Candidate, Interval? Champion);
