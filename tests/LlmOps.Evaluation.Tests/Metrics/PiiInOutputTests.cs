using LlmOps.DataValidation;

namespace LlmOps.Evaluation.Tests.Metrics;

public sealed class PiiInOutputTests
{
    private static IReadOnlyList<EvalRecord> Answers(params string[] outputs) =>
        [.. outputs.Select((o, i) => new EvalRecord(new EvalExample($"e{i}", $"question {i}", null, new Dictionary<string, string>()), o))];

    private static async Task<Dictionary<string, double[]>> ScoresAsync(MetricSet metrics, IReadOnlyList<EvalRecord> answers)
    {
        var scores = new Dictionary<string, double[]>();
        foreach (var metric in metrics.All)
        {
            scores[metric.Name] = (await metric.MeasureAsync(answers, TestContext.Current.CancellationToken)).Scores!;
        }

        return scores;
    }

    [Fact]
    public async Task Answers_with_pii_are_counted_overall_and_per_kind_with_the_validators_detectors()
    {
        var answers = Answers(
            "Write to jane.doe@example.com for a refund.",
            "Your card 4111 1111 1111 1111 was charged; call +1 415-555-0132.",
            "Your order ships tomorrow.",
            "Version 1.2.3.4 fixed it.");

        var scores = await ScoresAsync(new MetricSet().NoPiiInOutput(), answers);

        Assert.Equal([1.0, 1, 0, 0], scores[Metric.PiiInOutput]);
        Assert.Equal([1.0, 0, 0, 0], scores["pii-in-output.email"]);
        Assert.Equal([0.0, 1, 0, 0], scores["pii-in-output.payment-card"]);
        Assert.Equal([0.0, 1, 0, 0], scores["pii-in-output.phone"]);
        Assert.Equal([0.0, 0, 0, 0], scores["pii-in-output.ipv4"]);
        Assert.False(new MetricSet().NoPiiInOutput().All.Single(m => m.Name == Metric.PiiInOutput).HigherIsBetter);
    }

    [Fact]
    public async Task Only_the_declared_kinds_are_looked_for_and_the_options_are_the_validators()
    {
        var answers = Answers("mail jane.doe@example.com", "upgrade to version 1.2.3.4");

        var emailOnly = await ScoresAsync(new MetricSet().NoPiiInOutput(PiiKind.Email), answers);
        var versions = await ScoresAsync(new MetricSet().NoPiiInOutput(PiiKind.IPv4, new PiiOptions { ReportVersionLikeIPv4 = true }), answers);

        Assert.Equal([Metric.PiiInOutput, "pii-in-output.email"], emailOnly.Keys);
        Assert.Equal([0.0, 1], versions[Metric.PiiInOutput]);
    }

    [Fact]
    public void The_detector_settings_are_part_of_the_cache_key_and_no_kind_is_a_declaration_error()
    {
        Assert.NotEqual(new MetricSet().NoPiiInOutput().Describe(), new MetricSet().NoPiiInOutput(options: new PiiOptions { PhoneRegion = "GB" }).Describe());
        Assert.Throws<ArgumentException>(() => new MetricSet().NoPiiInOutput(PiiKind.None));
    }

    [Fact]
    public async Task A_gate_can_cap_the_share_of_answers_leaking_pii()
    {
        var answers = Answers([.. Enumerable.Range(0, 200).Select(i => i % 10 == 0 ? $"reach me at user{i}@example.com" : "Thanks, resolved.")]);
        var metrics = new MetricSet().NoPiiInOutput(PiiKind.Email);
        var rules = new GateRules().AtMost(Metric.PiiInOutput, 0.01);

        var verdict = await GateEvaluator.EvaluateAsync(answers, null, metrics, rules, ("test", DateTimeOffset.UnixEpoch), TestContext.Current.CancellationToken);

        Assert.False(verdict.Passed);
        Assert.Equal(0.1, verdict.Metrics.Single(m => m.Metric == Metric.PiiInOutput && m.Slice is null).Candidate.Estimate, 12);
    }
}
