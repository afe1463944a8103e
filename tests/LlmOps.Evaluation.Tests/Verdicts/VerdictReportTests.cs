namespace LlmOps.Evaluation.Tests.Verdicts;

public sealed class VerdictReportTests
{
    private static async Task<Verdict> Compared(string? overrideRule = null)
    {
        var champion = Enumerable.Range(0, 200).Select(i => Record(i, i % 10 != 0)).ToList();
        var candidate = Enumerable.Range(0, 200).Select(i => Record(i, i % 5 != 0)).ToList();
        var rules = new GateRules().AtLeast(Metric.Accuracy, 0.7)
            .NotWorseThan(Champion.Deployed("/deployed"), Metric.Accuracy, margin: 0.01)
            .Resamples(500)
            .Override(overrideRule, overrideRule is null ? null : "known regression, fixed in #12");
        return await GateEvaluator.EvaluateAsync(candidate, champion, new MetricSet().Accuracy().BySlice(x => x.Field("lang")), rules,
            ("alice (github)", new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)), TestContext.Current.CancellationToken);
    }

    private static EvalRecord Record(int i, bool correct) =>
        new(new EvalExample($"e{i}", "q", "yes", new Dictionary<string, string> { ["lang"] = i % 2 == 0 ? "en" : "de" }), correct ? "yes" : "no");

    [Fact]
    public async Task The_markdown_leads_with_the_decision_and_lists_every_rule_with_its_interval_and_reason()
    {
        var markdown = VerdictMarkdown.Render(await Compared(), "Evaluation gate Release.Evaluate");

        Assert.StartsWith("### Evaluation gate Release.Evaluate: FAILED", markdown);
        Assert.Contains("| min-accuracy | pass | 0.8 |", markdown);
        Assert.Contains("| vs-champion-accuracy | fail | -0.1 |", markdown);
        Assert.Contains("| accuracy | de | 100 |", markdown);
    }

    [Fact]
    public async Task An_override_is_stated_with_who_when_and_why()
    {
        var verdict = await Compared("vs-champion-accuracy");
        var markdown = VerdictMarkdown.Render(verdict, "Gate");

        Assert.True(verdict.Passed);
        Assert.Contains("**Override** of `vs-champion-accuracy` by alice (github) at 2026-12-02 10:00:00Z: known regression, fixed in #12", markdown);
        Assert.Contains("| vs-champion-accuracy | overridden |", markdown);
    }

    [Fact]
    public async Task The_html_forest_plot_draws_candidate_and_champion_per_slice_and_the_threshold()
    {
        var html = VerdictHtml.Render(await Compared(), "Gate");

        Assert.Equal(3, CountOf(html, "<title>candidate "));   // all, en, de
        Assert.Equal(3, CountOf(html, "<title>champion "));
        Assert.Contains("<title>threshold 0.7</title>", html);
        Assert.DoesNotContain("<script", html);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
