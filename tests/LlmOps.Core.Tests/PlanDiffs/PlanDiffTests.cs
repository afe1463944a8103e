using LlmOps.Cli.Plans;

namespace LlmOps.Core.Tests.PlanDiffs;

public sealed class PlanDiffTests
{
    [Fact]
    public void Two_equal_plans_have_an_empty_diff_and_the_comment_says_nothing_changes()
    {
        var diff = PlanDiff.Compare(Snapshots.Support(), Snapshots.Support());

        Assert.True(diff.IsEmpty, PlanJson.Write(diff));
        var markdown = PlanDiffMarkdown.Render(diff, "origin/main");
        Assert.StartsWith(PlanDiffMarkdown.Marker, markdown);
        Assert.Contains("leaves every pipeline's plan as it was", markdown);
    }

    [Fact]
    public void A_lowered_gate_threshold_is_called_out_with_the_stage_that_reads_it_and_that_stage_re_runs()
    {
        var diff = PlanDiff.Compare(Snapshots.Support(), Snapshots.Support(minAccuracy: "0.8"));

        var parameter = Assert.Single(diff.Parameters);
        Assert.Equal(("min-accuracy", "0.85", "0.8", "lowered"), (parameter.Name, parameter.OldDefault, parameter.NewDefault, parameter.Direction));
        Assert.Equal(["Support.Evaluate"], parameter.ReadBy);
        var callOut = Assert.Single(diff.CallOuts);
        Assert.Contains("`min-accuracy` is lowered from 0.85 to 0.8, read by Support.Evaluate (gate on splits", callOut);
        var rerun = Assert.Single(diff.ReRuns);
        Assert.Equal("Support.Evaluate", rerun.Id);
        Assert.Equal(["parameter min-accuracy 0.85 → 0.8"], rerun.Reasons);
    }

    [Fact]
    public void A_raised_default_is_listed_but_not_called_out()
    {
        var diff = PlanDiff.Compare(Snapshots.Support(), Snapshots.Support(minAccuracy: "0.9"));

        Assert.Equal("raised", Assert.Single(diff.Parameters).Direction);
        Assert.Empty(diff.CallOuts);
    }

    [Fact]
    public void Changed_training_code_re_runs_training_and_every_stage_that_consumes_from_it()
    {
        var diff = PlanDiff.Compare(Snapshots.Support(), Snapshots.Support(trainCode: "stage:train2"));

        Assert.Equal(["Support.Train", "Support.Evaluate"], diff.ReRuns.Select(r => r.Id));
        Assert.Equal(["code changed"], diff.ReRuns[0].Reasons);
        Assert.False(diff.ReRuns[0].OnlyUpstream);
        Assert.Equal(["consumes from Support.Train, which re-runs"], diff.ReRuns[1].Reasons);
        Assert.True(diff.ReRuns[1].OnlyUpstream);
        Assert.Empty(diff.Stages);
        Assert.Contains("**Support.Evaluate** (only because of upstream)", PlanDiffMarkdown.Render(diff, "main"));
    }

    [Fact]
    public void A_new_container_image_shows_as_the_old_and_new_annotation_and_as_a_key_change()
    {
        var diff = PlanDiff.Compare(Snapshots.Support(), Snapshots.Support(image: "container ghcr.io/acme/trainer@sha256:bbb, 2 GPUs"));

        var stage = Assert.Single(diff.Stages);
        Assert.Equal(ChangeKind.Changed, stage.Kind);
        Assert.Equal(["container ghcr.io/acme/trainer@sha256:aaa, 1 GPU → container ghcr.io/acme/trainer@sha256:bbb, 2 GPUs"], stage.Details);
        Assert.Contains(diff.ReRuns[0].Reasons, r => r.StartsWith("container spec: container ghcr.io/acme/trainer@sha256:aaa", StringComparison.Ordinal));
    }

    [Fact]
    public void A_loosened_rule_is_called_out_with_the_threshold_that_moved()
    {
        var diff = PlanDiff.Compare(Snapshots.Support(), Snapshots.Support(rules: "min-accuracy:AtLeast(accuracy,0.8,0.95)"));

        var callOut = Assert.Single(diff.CallOuts);
        Assert.Contains("Support.Evaluate: evaluation:rules changed and loosened (accuracy ≥ 0.85 → 0.8)", callOut);
    }

    [Fact]
    public void A_tightened_rule_is_called_out_as_changed_but_not_loosened()
    {
        var diff = PlanDiff.Compare(Snapshots.Support(), Snapshots.Support(rules: "min-accuracy:AtLeast(accuracy,0.9,0.95)"));

        var callOut = Assert.Single(diff.CallOuts);
        Assert.DoesNotContain("loosened", callOut);
        Assert.Contains("evaluation:rules changed", callOut);
    }

    [Fact]
    public void A_stage_renamed_with_the_same_code_is_a_rename_not_a_removal_and_an_addition()
    {
        var diff = PlanDiff.Compare(Snapshots.Support(), Snapshots.Support(trainName: "Fit"));

        var renamed = Assert.Single(diff.Stages, s => s.Kind == ChangeKind.Renamed);
        Assert.Equal(("Support.Fit", "Support.Train"), (renamed.Id, renamed.OldId));
        Assert.DoesNotContain(diff.Stages, s => s.Kind is ChangeKind.Added or ChangeKind.Removed);
        Assert.Equal(["renamed (the key names the stage)"], diff.ReRuns.Single(r => r.Id == "Support.Fit").Reasons);
        // Evaluate now names its producer differently; its wiring change is listed.
        Assert.Contains(diff.Stages, s => s.Id == "Support.Evaluate" && s.Details.Contains("depends on + Support.Fit; − Support.Train"));
    }

    [Fact]
    public void Added_and_removed_stages_are_listed_with_what_they_declare_and_a_removed_gate_is_called_out()
    {
        var before = Snapshots.Support();
        var pipeline = before.Pipelines[0];
        var audit = Snapshots.Stage("Support.Audit", "stage:audit", ["Support.Evaluate"], ["policy: 2 rule(s)"]);
        var after = before with { Pipelines = [pipeline with { Stages = [.. pipeline.Stages.Where(s => s.Id != "Support.Evaluate"), audit] }] };

        var diff = PlanDiff.Compare(before, after);

        Assert.Contains(diff.Stages, s => s.Id == "Support.Audit" && s.Kind == ChangeKind.Added && s.Details.SequenceEqual(["depends on Support.Evaluate", "policy: 2 rule(s)"]));
        Assert.Contains(diff.Stages, s => s.Id == "Support.Evaluate" && s.Kind == ChangeKind.Removed);
        Assert.Contains(diff.CallOuts, c => c.StartsWith("⚠ Support.Evaluate is removed: gate on splits", StringComparison.Ordinal));
        Assert.Contains(diff.ReRuns, r => r.Id == "Support.Audit" && r.Reasons.SequenceEqual(["new stage"]));
    }

    [Fact]
    public void Emitted_jobs_that_change_appear_and_removed_parameters_are_listed()
    {
        var before = Snapshots.Support();
        var after = Snapshots.Support(jobText: "  train:\n    runs-on: [self-hosted, gpu]\n");
        after = after with { Pipelines = [after.Pipelines[0] with { Parameters = [after.Pipelines[0].Parameters[1]] }] };

        var diff = PlanDiff.Compare(before, after);

        Assert.Equal([new JobChange(".github/workflows/support.yml", "train", ChangeKind.Changed)], diff.Jobs);
        Assert.Equal(ChangeKind.Removed, Assert.Single(diff.Parameters).Kind);
        Assert.Contains("changed `.github/workflows/support.yml`: job `train`", PlanDiffMarkdown.Render(diff, "main"));
    }

    [Fact]
    public void Markdown_escapes_angle_brackets_from_pipeline_text_so_it_cannot_close_the_marker_or_open_html()
    {
        var diff = PlanDiff.Compare(Snapshots.Support(), Snapshots.Support(image: "container <script>x</script> -->"));

        var markdown = PlanDiffMarkdown.Render(diff, "main");

        Assert.DoesNotContain("<script>", markdown);
        Assert.Equal(1, markdown.Split("-->").Length - 1);
    }

    [Fact]
    public void A_snapshot_survives_its_json_and_a_newer_format_is_refused_by_name()
    {
        var snapshot = Snapshots.Support();

        var read = PlanJson.Read(PlanJson.Write(snapshot), "base.json");

        Assert.True(PlanDiff.Compare(snapshot, read).IsEmpty);
        var newer = PlanJson.Write(snapshot with { Format = PlanSnapshot.CurrentFormat + 1 });
        var error = Assert.Throws<UsageException>(() => PlanJson.Read(newer, "base.json"));
        Assert.Contains("base.json: plan export format 2 is newer", error.Message);
        Assert.Contains("base.json: not a plan export", Assert.Throws<UsageException>(() => PlanJson.Read("{", "base.json")).Message);
    }
}
