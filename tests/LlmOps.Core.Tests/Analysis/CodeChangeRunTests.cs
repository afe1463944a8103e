namespace LlmOps.Core.Tests.Analysis;

/// <summary>
/// Through the command line, across rebuilds of the pipelines assembly: what re-runs after an edit is the stage whose
/// code changed and what consumes its outputs, and a dry run says so, or says why a stage is keyed on the whole assembly.
/// </summary>
public sealed class CodeChangeRunTests
{
    [Fact]
    public void A_comment_or_another_pipeline_reruns_nothing_and_a_helper_of_Train_reruns_Train_and_its_consumer()
    {
        using var repo = new TempRepo();
        using (var original = Variant.Compile(FlowSource.Both))
        {
            Run(repo, original, "Flow.Report");
        }

        Assert.Equal(["Flow.Validate", "Flow.Train", "Flow.Report"], repo.Trace());

        using (var commented = Variant.Compile(FlowSource.Commented))
        {
            Run(repo, commented, "Flow.Report");
        }

        using (var sideEdited = Variant.Compile(FlowSource.SideEdited))
        {
            Run(repo, sideEdited, "Flow.Report");
        }

        Assert.Equal(3, repo.Trace().Count);
        Assert.All(repo.LatestRun().Stages, s => Assert.Equal(StageStatus.Cached, s.Status));

        using var helperEdited = Variant.Compile(FlowSource.TrainHelperEdited);
        var dryRun = Run(repo, helperEdited, "Flow.Report", "--dry-run");
        Run(repo, helperEdited, "Flow.Report");

        Assert.Matches(@"Flow\.Validate\s+cached\s+key", dryRun.Output);
        Assert.Matches(@"Flow\.Train\s+run\s+code of Train changed", dryRun.Output);
        Assert.Equal(["Flow.Train", "Flow.Report"], repo.Trace().Skip(3));
        var run = repo.LatestRun();
        Assert.Equal(StageStatus.Cached, repo.Stage(run, "Flow.Validate").Status);
        Assert.Equal("ran: code of Train changed", repo.Stage(run, "Flow.Train").Reason);
        Assert.Equal("ran: input artifact model changed", repo.Stage(run, "Flow.Report").Reason);
    }

    [Fact]
    public void A_dry_run_says_in_words_why_a_stage_is_keyed_on_the_whole_assembly()
    {
        using var repo = new TempRepo();
        using var variant = Variant.Compile(FlowSource.TrainReflects);

        var result = Run(repo, variant, "Flow.Report", "--dry-run");

        const string Expected = "  Flow.Train: keyed on the whole assembly Variant (reflection call Activator.CreateInstance in a lambda in FlowPipeline.Train cannot be followed; reflection call Assembly.GetType in a lambda in FlowPipeline.Train cannot be followed)";
        Assert.True(result.Output.Contains(Expected, StringComparison.Ordinal), result.Output);
        Assert.DoesNotContain("Flow.Validate: keyed", result.Output);
    }

    private static AppResult Run(TempRepo repo, Variant variant, params string[] args)
    {
        var result = repo.Run(variant.Pipelines, ["--parallel", "1", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
