namespace LlmOps.Evaluation.Tests.Gates;

public sealed class GateRuleTests
{
    private static EvalRecord Record(int i, string slice, bool correct, double latency = 0) =>
        new(new EvalExample($"e{i}", $"q{i}", "yes", new Dictionary<string, string> { ["lang"] = slice }), correct ? "yes" : "no", null, latency);

    private static Task<Verdict> Judge(IReadOnlyList<EvalRecord> records, MetricSet metrics, GateRules rules, IReadOnlyList<EvalRecord>? champion = null) =>
        GateEvaluator.EvaluateAsync(records, champion, metrics, rules.Resamples(1000), ("tester", DateTimeOffset.UnixEpoch), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_slice_far_behind_the_others_fails_the_slice_gap_rule()
    {
        // English right 95% of the time, German 50%: a gap of 0.45 against an allowed 0.10.
        var records = Enumerable.Range(0, 400).Select(i => i < 200 ? Record(i, "en", i % 20 != 0) : Record(i, "de", i % 2 == 0)).ToList();

        var verdict = await Judge(records, new MetricSet().Accuracy().BySlice(x => x.Field("lang")), new GateRules().MaxSliceGap(Metric.Accuracy, 0.10));

        var rule = verdict.Rules.Single();
        Assert.Equal(RuleStatus.Fail, rule.Status);
        Assert.Equal(0.45, rule.Interval!.Estimate, 9);
        Assert.Equal(["en", "de"], verdict.Metrics.Where(m => m.Slice is not null).Select(m => m.Slice!));
    }

    [Fact]
    public async Task Slices_that_agree_pass_the_slice_gap_rule()
    {
        var records = Enumerable.Range(0, 2000).Select(i => Record(i, i % 2 == 0 ? "en" : "de", i % 10 != 0 && i % 10 != 1)).ToList();

        var verdict = await Judge(records, new MetricSet().Accuracy().BySlice(x => x.Field("lang")), new GateRules().MaxSliceGap(Metric.Accuracy, 0.10));

        Assert.Equal(RuleStatus.Pass, verdict.Rules.Single().Status);
    }

    [Fact]
    public async Task A_p95_latency_over_the_limit_fails_and_under_it_passes()
    {
        var slow = Enumerable.Range(0, 300).Select(i => Record(i, "", true, latency: 1000 + (i * 10))).ToList();
        var fast = Enumerable.Range(0, 300).Select(i => Record(i, "", true, latency: 100 + i)).ToList();
        var rules = () => new GateRules().AtMost(Metric.LatencyP95, TimeSpan.FromSeconds(2));

        Assert.Equal(RuleStatus.Fail, (await Judge(slow, new MetricSet().Latency(), rules())).Rules.Single().Status);
        Assert.Equal(RuleStatus.Pass, (await Judge(fast, new MetricSet().Latency(), rules())).Rules.Single().Status);
    }

    [Fact]
    public async Task A_worse_latency_than_the_champion_counts_as_a_regression_because_lower_is_better()
    {
        var champion = Enumerable.Range(0, 300).Select(i => Record(i, "", true, latency: 100 + (i % 50))).ToList();
        var candidate = Enumerable.Range(0, 300).Select(i => Record(i, "", true, latency: 300 + (i % 50))).ToList();

        var verdict = await Judge(candidate, new MetricSet().Latency(), new GateRules().NotWorseThan(Champion.Deployed("/deployed"), Metric.LatencyP50, margin: 10), champion);

        Assert.Equal(RuleStatus.Fail, verdict.Rules.Single().Status);
        Assert.Equal(-200, verdict.Rules.Single().Interval!.Estimate, 9);
    }

    [Fact]
    public async Task An_identical_candidate_passes_a_comparison_with_no_margin_and_the_verdict_is_reproducible()
    {
        var records = Enumerable.Range(0, 300).Select(i => Record(i, "", i % 3 != 0)).ToList();
        var rules = () => new GateRules().AtLeast(Metric.Accuracy, 0.5).NotWorseThan(Champion.Deployed("/deployed"), Metric.Accuracy, margin: 0);

        var first = await Judge(records, new MetricSet().Accuracy(), rules(), records);
        var again = await Judge(records, new MetricSet().Accuracy(), rules(), records);

        Assert.True(first.Passed);
        Assert.Equal(VerdictJson.Write(first), VerdictJson.Write(again));
    }

    [Fact]
    public void Rules_on_undeclared_metrics_or_missing_slices_are_named()
    {
        var rules = new GateRules().AtLeast(Metric.TokenF1, 0.5).MaxSliceGap(Metric.Accuracy, 0.1);

        var problems = rules.Check(new MetricSet().Accuracy()).ToList();

        Assert.Contains("gate rule min-token-f1 judges metric 'token-f1', which .Metrics(...) does not declare (declared: accuracy)", problems);
        Assert.Contains("gate rule slice-gap-accuracy compares slices, but .Metrics(...) declares none (add .BySlice(...))", problems);
    }

    [Fact]
    public void A_relative_champion_path_is_refused_because_the_gate_cannot_know_what_it_is_relative_to()
    {
        var error = Assert.Throws<ArgumentException>(() => Champion.Deployed("deployments/current"));

        Assert.Contains("absolute path", error.Message);
    }
}
