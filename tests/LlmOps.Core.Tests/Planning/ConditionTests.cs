using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Planning;

public sealed class ConditionTests
{
    [Fact]
    public void A_false_static_condition_skips_at_plan_time_with_the_condition_text_as_reason()
    {
        var plan = Plans.Plan(typeof(ConditionPipeline), "Shard", "Mirror");

        Assert.Equal("condition 'Shards > 0' is false", plan.Find(Plans.Stage(plan.Graph, "Shard"))!.SkipReason);
        Assert.Equal("condition 'Prepared' is false", plan.Find(Plans.Stage(plan.Graph, "Mirror"))!.SkipReason);
        Assert.Null(plan.Find(Plans.Stage(plan.Graph, "Prepare"))!.SkipReason);
    }

    [Fact]
    public void A_static_condition_sees_parameter_values()
    {
        var sources = new ParameterSources(Path.GetTempPath(), new Dictionary<string, string> { ["shards"] = "2" }, _ => null, []);
        var graph = Plans.Graph(sources, typeof(ConditionPipeline));

        Assert.Null(Plans.Plan(graph, "Shard").Stages.Single().SkipReason);
    }

    [Fact]
    public void A_dynamic_condition_is_not_decided_at_plan_time()
    {
        var plan = Plans.Plan(typeof(ConditionPipeline), "Upload", "Rollback");

        Assert.All(plan.Stages, s => Assert.Null(s.SkipReason));
    }

    [Fact]
    public void A_dynamic_condition_is_decided_after_the_stages_before_it_ran()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ConditionPipeline), "Mirror", "Upload", "Rollback", "Shard", "--parallel", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = repo.LatestRun();
        // Prepare sets the flag while it runs: the static check saw false, the dynamic one sees true.
        Assert.Equal(StageStatus.Skipped, repo.Stage(run, "Condition.Mirror").Status);
        Assert.Equal(StageStatus.Succeeded, repo.Stage(run, "Condition.Upload").Status);
        Assert.Equal(StageStatus.Skipped, repo.Stage(run, "Condition.Rollback").Status);
        Assert.Equal("condition '!Prepared' is false", repo.Stage(run, "Condition.Rollback").Reason);
        Assert.Equal("condition 'Shards > 0' is false", repo.Stage(run, "Condition.Shard").Reason);
        Assert.Equal(["Condition.Prepare", "Condition.Upload"], repo.Trace());
        Assert.Contains("Condition.Shard: condition 'Shards > 0' is false", result.Output);
    }

    [Fact]
    public void A_static_condition_made_true_on_the_command_line_lets_the_stage_run()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ConditionPipeline), "Shard", "--shards", "4");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Condition.Shard"], repo.Trace());
    }
}
