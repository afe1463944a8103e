using LlmOps.Cli.Plans;
using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.PlanDiffs;

public sealed class PlanExportTests
{
    [Fact]
    public void Plan_json_describes_every_stage_with_its_wiring_and_key_and_runs_nothing()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(WiringPipeline), "--plan-json", "plan.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var snapshot = PlanJson.Read(repo.Read("plan.json"), "plan.json");
        var pipeline = Assert.Single(snapshot.Pipelines);
        Assert.Equal(["Wiring.Use", "Wiring.Fit", "Wiring.Make"], pipeline.Stages.Select(s => s.Id));
        var use = pipeline.Stages[0];
        Assert.Equal(["Wiring.Fit", "Wiring.Make"], use.DependsOn.Order(StringComparer.Ordinal));
        Assert.Equal("from Wiring.Fit", use.CacheKey["artifact:model"]);
        Assert.StartsWith("stage:", use.CacheKey["code"]);
        Assert.Empty(repo.Trace());
        Assert.Equal(0, repo.RunCount);
    }

    [Fact]
    public void The_same_definitions_exported_twice_compare_as_unchanged()
    {
        using var repo = new TempRepo();

        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "--plan-json", "a.json").ExitCode);
        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "--plan-json", "b.json").ExitCode);

        Assert.True(PlanDiff.Compare(PlanJson.Read(repo.Read("a.json"), "a"), PlanJson.Read(repo.Read("b.json"), "b")).IsEmpty);
    }

    [Fact]
    public void PlanDiff_without_base_is_a_usage_error_naming_the_option()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(WiringPipeline), "PlanDiff");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PlanDiff needs --base <git ref>", result.Error);
    }
}
