namespace LlmOps.Evaluation;

/// <summary>The metric must be at least the threshold: the interval's lower end decides.</summary>
public sealed class AtLeastRule(string? name, string metric, Threshold threshold, double confidence) : GateRule(name, metric, threshold, confidence)
{
    /// <inheritdoc />
    protected override string DefaultName => $"min-{Metric}";

    internal override RuleOutcome Judge(GateAnalysis analysis) => JudgeAgainstThreshold(analysis, Above, "at least", "below");
}

/// <summary>The metric must be at most the threshold (a latency, an error rate): the interval's upper end decides.</summary>
public sealed class AtMostRule(string? name, string metric, Threshold threshold, double confidence) : GateRule(name, metric, threshold, confidence)
{
    /// <inheritdoc />
    protected override string DefaultName => $"max-{Metric}";

    internal override RuleOutcome Judge(GateAnalysis analysis) => JudgeAgainstThreshold(analysis, Below, "at most", "above");
}

/// <summary>
/// The candidate must not be worse than the champion by more than the margin, on the same examples: the interval of
/// the paired difference (improvement positive, whichever way the metric points) must stay above <c>-margin</c>.
/// </summary>
public sealed class NotWorseThanRule(string? name, Champion champion, string metric, Threshold margin, double confidence) : GateRule(name, metric, margin, confidence)
{
    /// <inheritdoc />
    public override Champion? Champion => champion;

    /// <inheritdoc />
    protected override string DefaultName => $"vs-champion-{Metric}";

    internal override RuleOutcome Judge(GateAnalysis analysis)
    {
        var statistic = $"{Metric} improvement over the champion";
        if (!analysis.HasChampion)
        {
            return new RuleOutcome(Name, Metric, RuleStatus.ColdStart, statistic, null, Threshold,
                $"cold start: no champion at {champion}, so {Metric} is not compared");
        }

        var candidate = analysis.Candidate(Metric);
        var incumbent = analysis.Champion(Metric);
        var sign = analysis.HigherIsBetter(Metric) ? 1 : -1;
        var interval = analysis.Interval(indices => sign * (candidate.Over(indices) - incumbent.Over(indices)), Confidence);
        var status = Above(interval, -Threshold.Value);
        var reason = status switch
        {
            RuleStatus.Pass => $"{statistic} {Bounds(interval)} stays above -{Format(Threshold.Value)}",
            RuleStatus.Fail => $"{statistic} {Bounds(interval)} is below -{Format(Threshold.Value)}: the candidate is worse",
            _ => $"{statistic} {Bounds(interval)} straddles -{Format(Threshold.Value)}: the eval set cannot tell",
        };
        var outcome = new RuleOutcome(Name, Metric, status, statistic, interval, Threshold, reason);
        if (candidate.IsPassFail && incumbent.IsPassFail)
        {
            outcome = outcome with { McNemar = Statistics.McNemar.Test([.. candidate.Scores!.Select(s => s == 1)], [.. incumbent.Scores!.Select(s => s == 1)]) };
        }

        if (candidate.Scores is not null && incumbent.Scores is not null)
        {
            var needed = Statistics.SampleSize.ForPairedDifference(Statistics.SampleSize.DifferenceStandardDeviation(candidate.Scores, incumbent.Scores), Threshold.Value, Confidence);
            if (needed > analysis.Examples)
            {
                outcome = outcome with
                {
                    Warning = $"{analysis.Examples} examples are too few to detect a difference in {Metric} of {Format(Threshold.Value)} " +
                              $"(about {needed} needed for {Statistics.SampleSize.Power * 100:0}% power at {Percent(Confidence)})",
                };
            }
        }

        return outcome;
    }
}

/// <summary>The gap between the best and the worst slice must stay within the threshold (fairness across slices).</summary>
public sealed class MaxSliceGapRule(string? name, string metric, Threshold gap, double confidence) : GateRule(name, metric, gap, confidence)
{
    /// <inheritdoc />
    public override bool NeedsSlices => true;

    /// <inheritdoc />
    protected override string DefaultName => $"slice-gap-{Metric}";

    internal override RuleOutcome Judge(GateAnalysis analysis)
    {
        var measurement = analysis.Candidate(Metric);
        var interval = analysis.Interval(indices => analysis.SliceGap(measurement, indices), Confidence);
        var status = Below(interval, Threshold.Value);
        var statistic = $"gap in {Metric} between slices";
        var reason = status switch
        {
            RuleStatus.Pass => $"{statistic} {Bounds(interval)} is at most {Format(Threshold.Value)}",
            RuleStatus.Fail => $"{statistic} {Bounds(interval)} exceeds {Format(Threshold.Value)}",
            _ => $"{statistic} {Bounds(interval)} straddles {Format(Threshold.Value)}: the eval set cannot tell",
        };
        return new RuleOutcome(Name, Metric, status, statistic, interval, Threshold, reason);
    }
}
