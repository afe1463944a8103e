using LlmOps.Evaluation.Tests.Pipelines;

namespace LlmOps.Evaluation.Tests.Dsl;

public sealed class GateStageTests : IDisposable
{
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    private string Export => Path.Combine(_root.Root, "export");

    private Verdict ExportedVerdict() => VerdictJson.Read(File.ReadAllText(Path.Combine(Export, "verdict", VerdictJson.FileName)));

    [Fact]
    public void A_good_model_passes_the_gate_is_blessed_and_packaged_with_reports_and_a_stated_cold_start()
    {
        var (code, output, error) = _root.Run(typeof(GatedPipeline), "Pack", "--export", Export);

        Assert.True(code == 0, output + error);
        var verdict = ExportedVerdict();
        Assert.True(verdict.Passed);
        Assert.True(verdict.ColdStart);
        Assert.Equal(RuleStatus.ColdStart, verdict.Rules.Single(r => r.Rule == "vs-champion-accuracy").Status);
        Assert.Contains("cold start", File.ReadAllText(Path.Combine(Export, "verdict", VerdictMarkdown.FileName)));
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(Export, "verdict", VerdictHtml.FileName)));
        Assert.Equal(4, verdict.Metrics.Count(m => m.Metric == Metric.Accuracy && m.Slice is not null));
        Assert.True(File.Exists(Path.Combine(Export, "package", LookupModel.FileName)));
        Assert.StartsWith("Gated.Evaluate", File.ReadAllText(Path.Combine(Export, "package", "blessed-by.txt")));
    }

    [Fact]
    public void A_bad_model_fails_the_stage_and_nothing_downstream_runs()
    {
        var (code, output, error) = _root.Run(typeof(GatedPipeline), "Pack", "--quality", "0.6", "--export", Export);

        Assert.Equal(1, code);
        var log = _root.StageLog("Evaluate");
        Assert.Contains("min-accuracy: fail", log);
        Assert.False(File.Exists(Path.Combine(Export, "package", LookupModel.FileName)), output + error);
    }

    [Fact]
    public void An_interval_that_straddles_the_threshold_is_inconclusive_and_does_not_pass()
    {
        var (code, _, _) = _root.Run(typeof(GatedPipeline), "Evaluate", "--quality", "0.86");

        Assert.Equal(1, code);
        Assert.Contains("min-accuracy: inconclusive", _root.StageLog("Evaluate"));
        Assert.Contains("the eval set cannot tell", _root.StageLog("Evaluate"));
        var kept = Path.Combine(_root.Root, ".llmops", "evaluation", "verdicts", "Gated.Evaluate", VerdictJson.FileName);
        Assert.Equal(RuleStatus.Inconclusive, VerdictJson.Read(File.ReadAllText(kept)).Rules[0].Status);
    }

    [Fact]
    public void A_candidate_worse_than_the_deployed_champion_fails_on_the_paired_comparison_with_mcnemar()
    {
        var (code, output, error) = _root.Run(typeof(GatedPipeline), "Evaluate", "--quality", "0.9", "--champion-quality", "0.99");

        Assert.True(code == 1, output + error);
        var log = _root.StageLog("Evaluate");
        Assert.Contains("vs-champion-accuracy: fail", log);
        Assert.Contains("min-accuracy: pass", log);
        Assert.Contains("too few to detect a difference in accuracy of 0.02", log);
        var kept = Path.Combine(_root.Root, ".llmops", "evaluation", "verdicts", "Gated.Evaluate", VerdictJson.FileName);
        var mcnemar = VerdictJson.Read(File.ReadAllText(kept)).Rules.Single(r => r.Rule == "vs-champion-accuracy").McNemar!;
        Assert.Equal((0, 36), (mcnemar.CandidateOnly, mcnemar.ChampionOnly));
        Assert.True(mcnemar.PValue < 1e-9, $"p = {mcnemar.PValue}");
    }

    [Fact]
    public void An_override_with_a_reason_lets_the_rule_through_and_records_who_and_why()
    {
        var (code, output, error) = _root.Run(typeof(GatedPipeline), "Pack", "--quality", "0.86", "--override-gate", "min-accuracy", "--reason", "hotfix for ticket 42", "--export", Export);

        Assert.True(code == 0, output + error);
        var rule = ExportedVerdict().Rules.Single(r => r.Rule == "min-accuracy");
        Assert.Equal(RuleStatus.Overridden, rule.Status);
        Assert.Equal("hotfix for ticket 42", rule.Override!.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rule.Override.Who));
        Assert.True(DateTimeOffset.UtcNow - rule.Override.When < TimeSpan.FromMinutes(10));
        Assert.Contains("min-accuracy: hotfix for ticket 42", File.ReadAllText(Path.Combine(Export, "package", "blessed-by.txt")));
    }

    [Fact]
    public void An_override_without_a_reason_is_a_usage_error_naming_the_stage()
    {
        var (code, _, error) = _root.Run(typeof(GatedPipeline), "Evaluate", "--override-gate", "min-accuracy");

        Assert.Equal(2, code);
        Assert.Contains("Gated.Evaluate", error);
        Assert.Contains("needs --reason", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void An_override_of_a_rule_the_gate_does_not_have_names_the_rules_it_has()
    {
        var (code, _, error) = _root.Run(typeof(GatedPipeline), "Evaluate", "--override-gate", "min-acuracy", "--reason", "typo");

        Assert.Equal(2, code);
        Assert.Contains("rules: min-accuracy, vs-champion-accuracy", error);
    }

    [Fact]
    public void A_threshold_lowered_from_its_committed_default_is_recorded_in_the_verdict()
    {
        var (code, output, error) = _root.Run(typeof(GatedPipeline), "Evaluate", "--min-accuracy", "0.5", "--export", Export);

        Assert.True(code == 0, output + error);
        var verdict = ExportedVerdict();
        var threshold = verdict.Rules.Single(r => r.Rule == "min-accuracy").Threshold;
        Assert.Equal(0.5, threshold.Value);
        Assert.Equal(0.85, threshold.CommittedDefault);
        Assert.Contains(verdict.Warnings, w => w.Contains("differs from the committed default 0.85 of MinAccuracy", StringComparison.Ordinal));
    }

    [Fact]
    public void The_plan_shows_the_gate_and_a_dry_run_defers_hashing_the_champion()
    {
        var (code, output, error) = _root.Run(typeof(GatedPipeline), "Evaluate", "--plan");

        Assert.True(code == 0, output + error);
        Assert.Contains("gate on eval-set: 2 rule(s) over accuracy, macro-f1, champion", output);
    }

    [Fact]
    public void The_plan_names_the_champion_relative_to_the_repository_root()
    {
        var (code, output, error) = _root.Run(typeof(GatedPipeline), "Pack", "--plan");

        Assert.True(code == 0, output + error);
        Assert.Contains("champion deployed", output);
        Assert.DoesNotContain(_root.Root, output);
    }
}
