using Microsoft.Extensions.AI;

namespace LlmOps.Evaluation.Tests.Generation;

public sealed class JudgeTests
{
    private static IReadOnlyList<EvalRecord> Records(params (string Output, string Reference)[] pairs) =>
        [.. pairs.Select((p, i) => new EvalRecord(new EvalExample($"e{i}", $"question {i}", p.Reference, new Dictionary<string, string>()), p.Output))];

    [Fact]
    public async Task A_judge_grades_each_answer_through_the_chat_client_against_the_rubric_and_reference()
    {
        var judge = new FakeChatClient(prompt => prompt.Contains("Answer:\nParis", StringComparison.Ordinal) ? "Score: 5\nExact." : "Score: 2\nWrong city.");
        var metrics = new MetricSet().Judge("The answer names the right city.", judge);

        var measured = await metrics.All.Single().MeasureAsync(Records(("Paris", "Paris"), ("Lyon", "Paris")), TestContext.Current.CancellationToken);

        Assert.Equal([1.0, 0.25], measured.Scores!);
        Assert.All(judge.Prompts, p => Assert.Contains("Rubric: The answer names the right city.", p));
        Assert.All(judge.Prompts, p => Assert.Contains("Reference answer:\nParis", p));
    }

    [Fact]
    public async Task A_judge_reply_without_a_score_fails_naming_the_example_and_the_reply()
    {
        var judge = new FakeChatClient(_ => "I think it is fine.");
        var metric = new MetricSet().Judge("Be right.", judge).All.Single();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await metric.MeasureAsync(Records(("x", "y")), TestContext.Current.CancellationToken));

        Assert.Contains("example 'e0'", error.Message);
        Assert.Contains("I think it is fine.", error.Message);
    }

    [Fact]
    public async Task A_judged_gate_is_inconclusive_when_few_examples_straddle_the_threshold()
    {
        var judge = new FakeChatClient(prompt => prompt.Contains("Answer:\ngood", StringComparison.Ordinal) ? "Score: 5" : "Score: 1");
        var records = Records([.. Enumerable.Range(0, 12).Select(i => (i % 4 == 0 ? "bad" : "good", "ref"))]);
        var metrics = new MetricSet().Judge("Good answers.", judge);
        var rules = new GateRules().AtLeast(JudgeEvaluator.MetricName, 0.7).Resamples(1000);

        var verdict = await GateEvaluator.EvaluateAsync(records, null, metrics, rules, ("tester", DateTimeOffset.UnixEpoch), TestContext.Current.CancellationToken);

        Assert.False(verdict.Passed);
        Assert.Equal(RuleStatus.Inconclusive, verdict.Rules.Single().Status);
        Assert.Equal(0.75, verdict.Rules.Single().Interval!.Estimate, 9);
    }
}
