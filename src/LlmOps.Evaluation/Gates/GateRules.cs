using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using LlmOps.Evaluation.Statistics;

namespace LlmOps.Evaluation;

/// <summary>
/// The rules of a gate: <c>.Gate(g =&gt; g.AtLeast(Metric.Accuracy, 0.85).NotWorseThan(Champion, Metric.MacroF1, margin: 0.02))</c>.
/// Every rule is judged on a confidence interval; the gate passes when every rule passes, is overridden, or is a
/// stated cold start.
/// </summary>
public sealed class GateRules
{
    private readonly List<GateRule> _rules = [];

    /// <summary>The rules, in declaration order.</summary>
    public IReadOnlyList<GateRule> All => _rules;

    /// <summary>Bootstrap resamples per interval.</summary>
    public int ResampleCount { get; private set; } = Bootstrap.DefaultResamples;

    /// <summary>The bootstrap's seed: the same seed gives the same verdict.</summary>
    public ulong SeedValue { get; private set; } = Bootstrap.DefaultSeed;

    /// <summary>The rule to let through despite its result, or null.</summary>
    public string? OverrideRule { get; private set; }

    /// <summary>Why the rule is let through.</summary>
    public string? OverrideReason { get; private set; }

    /// <summary>The metric's interval must lie at or above <paramref name="threshold"/>.</summary>
    public GateRules AtLeast(string metric, double threshold, double confidence = 0.95, string? name = null, [CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0) =>
        Add(new AtLeastRule(name, metric, new Threshold(threshold), confidence), declaredIn, declaredAt);

    /// <summary>As <see cref="AtLeast(string, double, double, string, string, int)"/>, with the threshold read from a parameter (a change from its default is recorded).</summary>
    public GateRules AtLeast(string metric, Expression<Func<double>> threshold, double confidence = 0.95, string? name = null, [CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0) =>
        Add(new AtLeastRule(name, metric, Threshold.From(threshold), confidence), declaredIn, declaredAt);

    /// <summary>The metric's interval must lie at or below <paramref name="threshold"/>.</summary>
    public GateRules AtMost(string metric, double threshold, double confidence = 0.95, string? name = null, [CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0) =>
        Add(new AtMostRule(name, metric, new Threshold(threshold), confidence), declaredIn, declaredAt);

    /// <summary>A latency's interval must lie at or below <paramref name="limit"/>.</summary>
    public GateRules AtMost(string metric, TimeSpan limit, double confidence = 0.95, string? name = null, [CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0) =>
        AtMost(metric, limit.TotalMilliseconds, confidence, name, declaredIn, declaredAt);

    /// <summary>As <see cref="AtMost(string, double, double, string, string, int)"/>, with the threshold read from a parameter.</summary>
    public GateRules AtMost(string metric, Expression<Func<double>> threshold, double confidence = 0.95, string? name = null, [CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0) =>
        Add(new AtMostRule(name, metric, Threshold.From(threshold), confidence), declaredIn, declaredAt);

    /// <summary>The candidate may be worse than <paramref name="champion"/> by at most <paramref name="margin"/>, judged on the paired difference.</summary>
    public GateRules NotWorseThan(Champion champion, string metric, double margin, double confidence = 0.95, string? name = null, [CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0) =>
        Add(new NotWorseThanRule(name, champion ?? throw new ArgumentNullException(nameof(champion)), metric, new Threshold(NonNegative(margin, "margin")), confidence), declaredIn, declaredAt);

    /// <summary>The gap between the best and the worst slice in the metric must stay within <paramref name="gap"/>.</summary>
    public GateRules MaxSliceGap(string metric, double gap, double confidence = 0.95, string? name = null, [CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0) =>
        Add(new MaxSliceGapRule(name, metric, new Threshold(NonNegative(gap, "gap")), confidence), declaredIn, declaredAt);

    /// <summary>Bootstrap resamples per interval (default 2000).</summary>
    public GateRules Resamples(int count)
    {
        ResampleCount = count is >= 100 and <= 1_000_000 ? count : throw new ArgumentException($"resamples must be between 100 and 1000000, got {count}");
        return this;
    }

    /// <summary>The bootstrap's seed.</summary>
    public GateRules Seed(ulong seed)
    {
        SeedValue = seed;
        return this;
    }

    /// <summary>
    /// Lets <paramref name="rule"/> through despite its result, recording <paramref name="reason"/>, who and when in the
    /// verdict. Empty values mean no override, so a pipeline passes its <c>--override-gate</c> and <c>--reason</c> through.
    /// </summary>
    public GateRules Override(string? rule, string? reason)
    {
        OverrideRule = string.IsNullOrWhiteSpace(rule) ? null : rule.Trim();
        OverrideReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return this;
    }

    /// <summary>Takes the override from the pipeline's <c>--override-gate</c> and <c>--reason</c>.</summary>
    public GateRules Override(IGateOverrides pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return Override(pipeline.OverrideGate, pipeline.Reason);
    }

    /// <summary>The rules and settings as a canonical string, for the cache key.</summary>
    public string Describe() =>
        string.Join(";", _rules.Select(r => r.Describe())) + FormattableString.Invariant($";resamples={ResampleCount};seed={SeedValue};override={OverrideRule}:{OverrideReason}");

    /// <summary>Problems with the rules given the declared metrics, in words.</summary>
    public IEnumerable<string> Check(MetricSet metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var rule in _rules)
        {
            if (metrics.All.All(m => m.Name != rule.Metric))
            {
                yield return $"gate rule {rule.Name} judges metric '{rule.Metric}', which .Metrics(...) does not declare (declared: {string.Join(", ", metrics.All.Select(m => m.Name))})";
            }

            if (rule.NeedsSlices && metrics.Slice is null)
            {
                yield return $"gate rule {rule.Name} compares slices, but .Metrics(...) declares none (add .BySlice(...))";
            }
        }

        foreach (var name in _rules.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"two gate rules are named {name}; give one a name: parameter";
        }

        if (_rules.Select(r => r.Champion).OfType<Champion>().Select(c => c.ToString()).Distinct().Count() > 1)
        {
            yield return "the gate compares against more than one champion; one gate has one champion";
        }

        if (OverrideRule is not null && _rules.All(r => r.Name != OverrideRule))
        {
            yield return $"--override-gate names rule '{OverrideRule}', which this gate does not have (rules: {string.Join(", ", _rules.Select(r => r.Name))})";
        }

        if (OverrideRule is not null && OverrideReason is null)
        {
            yield return $"--override-gate {OverrideRule} needs --reason \"<why>\": an override without a reason is not recorded";
        }

        if (OverrideRule is null && OverrideReason is not null)
        {
            yield return "--reason was given without --override-gate <rule>";
        }
    }

    private static double NonNegative(double value, string what) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentException($"the {what} must be zero or more, got {value}");

    // The caller's file and line (compiler-supplied) let a failed rule be annotated on the pipeline line declaring it.
    private GateRules Add(GateRule rule, string declaredIn, int declaredAt)
    {
        rule.DeclaredIn = declaredIn.Length > 0 ? declaredIn : null;
        rule.DeclaredAt = declaredAt > 0 ? declaredAt : null;
        _rules.Add(rule);
        return this;
    }
}
