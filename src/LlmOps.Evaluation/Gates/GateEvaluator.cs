namespace LlmOps.Evaluation;

/// <summary>Measures the metrics of candidate (and champion) answers on the same examples and judges every rule.</summary>
public static class GateEvaluator
{
    /// <summary>The confidence of the per-metric intervals in reports.</summary>
    public const double ReportConfidence = 0.95;

    /// <summary>Judges the gate.</summary>
    /// <param name="candidate">The candidate's answers, one per example.</param>
    /// <param name="champion">The champion's answers to the same examples in the same order, or null for a cold start.</param>
    /// <param name="metrics">The metrics and slices.</param>
    /// <param name="rules">The rules.</param>
    /// <param name="overrideBy">Who overrides and when, if the rules carry an override.</param>
    /// <param name="cancellationToken">Cancels judge calls.</param>
    public static async Task<Verdict> EvaluateAsync(
        IReadOnlyList<EvalRecord> candidate,
        IReadOnlyList<EvalRecord>? champion,
        MetricSet metrics,
        GateRules rules,
        (string Who, DateTimeOffset When) overrideBy,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(rules);
        if (champion is not null && !candidate.Select(r => r.Example.Id).SequenceEqual(champion.Select(r => r.Example.Id), StringComparer.Ordinal))
        {
            throw new ArgumentException("candidate and champion must answer the same examples in the same order");
        }

        var candidateMeasured = await MeasureAsync(metrics, candidate, cancellationToken);
        var championMeasured = champion is null ? null : await MeasureAsync(metrics, champion, cancellationToken);
        var sliceOf = new int[candidate.Count];
        var sliceNames = new List<string>();
        if (metrics.Slice is { } slice)
        {
            var codes = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < candidate.Count; i++)
            {
                var name = slice(candidate[i].Example) ?? "";
                if (!codes.TryGetValue(name, out var code))
                {
                    code = codes[name] = sliceNames.Count;
                    sliceNames.Add(name);
                }

                sliceOf[i] = code;
            }
        }

        var analysis = new GateAnalysis(
            candidate.Count, candidateMeasured, championMeasured,
            metrics.All.ToDictionary(m => m.Name, m => m.HigherIsBetter), sliceNames, sliceOf, rules.ResampleCount, rules.SeedValue);
        var outcomes = rules.All.Select(r => ApplyOverride(r.Judge(analysis), rules, overrideBy)).ToList();
        var results = MetricResults(metrics, analysis).ToList();
        var warnings = outcomes.Where(o => o.Warning is not null).Select(o => $"{o.Rule}: {o.Warning}")
            .Concat(outcomes.Where(o => o.Threshold.ChangedFromDefault).Select(o => FormattableString.Invariant(
                $"{o.Rule}: threshold {o.Threshold.Value} differs from the committed default {o.Threshold.CommittedDefault} of {o.Threshold.Parameter}")))
            .ToList();
        var classes = metrics.All.Any(m => m.Name is Metric.Accuracy or Metric.MacroF1 or Metric.MicroF1)
            ? ClassificationMetrics.PerClass(candidate)
            : [];
        return new Verdict(
            outcomes.All(o => o.Passes), candidate.Count, rules.ResampleCount, rules.SeedValue,
            rules.All.Select(r => r.Champion).OfType<Champion>().FirstOrDefault()?.ToString() ?? "none",
            champion is null, outcomes, results, classes, warnings);
    }

    private static RuleOutcome ApplyOverride(RuleOutcome outcome, GateRules rules, (string Who, DateTimeOffset When) by)
    {
        if (rules.OverrideRule != outcome.Rule)
        {
            return outcome;
        }

        var recorded = new GateOverride(outcome.Rule, rules.OverrideReason ?? "", by.Who, by.When);
        return outcome.Passes
            ? outcome with { Override = recorded, Reason = outcome.Reason + " (an override was given but not needed)" }
            : outcome with { Status = RuleStatus.Overridden, Override = recorded, Reason = $"{outcome.Status.ToString().ToLowerInvariant()}, overridden by {by.Who}: {recorded.Reason}; {outcome.Reason}" };
    }

    private static IEnumerable<MetricResult> MetricResults(MetricSet metrics, GateAnalysis analysis)
    {
        foreach (var metric in metrics.All)
        {
            var candidate = analysis.Candidate(metric.Name);
            var champion = analysis.HasChampion ? analysis.Champion(metric.Name) : null;
            yield return new MetricResult(metric.Name, null, analysis.Examples,
                analysis.Interval(candidate.Over, ReportConfidence),
                champion is null ? null : analysis.Interval(champion.Over, ReportConfidence));
            for (var slice = 0; slice < analysis.SliceNames.Count; slice++)
            {
                yield return new MetricResult(metric.Name, analysis.SliceNames[slice], analysis.SliceSize(slice),
                    analysis.SliceInterval(candidate, slice, ReportConfidence),
                    champion is null ? null : analysis.SliceInterval(champion, slice, ReportConfidence));
            }
        }
    }

    private static async Task<Dictionary<string, Measurement>> MeasureAsync(MetricSet metrics, IReadOnlyList<EvalRecord> records, CancellationToken cancellationToken)
    {
        var measured = new Dictionary<string, Measurement>(StringComparer.Ordinal);
        foreach (var metric in metrics.All)
        {
            measured[metric.Name] = await metric.MeasureAsync(records, cancellationToken);
        }

        return measured;
    }
}
