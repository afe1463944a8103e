using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Planning;

public sealed class RequirementTests
{
    [Fact]
    public void Every_missing_required_parameter_is_reported_at_once_before_anything_runs()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(RequirementPipeline), "Smoke");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Missing required parameters:", result.Error);
        Assert.Contains("--api-key (environment API_KEY), required by Requirement.Deploy", result.Error);
        Assert.Contains("--region (environment REGION), required by Requirement.Deploy", result.Error);
        Assert.Contains("--endpoint (environment ENDPOINT), required by Requirement.Smoke", result.Error);
        Assert.DoesNotContain("   at ", result.All);
        Assert.Empty(repo.Trace());
        Assert.Equal(0, repo.RunCount);
    }

    [Fact]
    public void The_planner_throws_one_definition_exception_listing_all_missing_parameters()
    {
        var error = Assert.Throws<DefinitionException>(() => Plans.Plan(typeof(RequirementPipeline), "Smoke"));

        Assert.Equal(4, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("--api-key", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("--region", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("--endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_from_any_source_satisfy_the_requirements()
    {
        using var repo = new TempRepo();
        repo.Environment["LLMOPS_API_KEY"] = "k-123";
        repo.Write(".nuke/parameters.json", """{ "Region": "eu-west" }""");

        var result = repo.Run(typeof(RequirementPipeline), "Smoke", "--endpoint", "https://smoke.example/");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Requirement.Build", "Requirement.Deploy", "Requirement.Smoke"], repo.Trace());
    }

    [Fact]
    public void A_stage_skipped_by_a_static_condition_does_not_need_its_parameters()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(RequirementPipeline), "Offline");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(StageStatus.Skipped, repo.LatestRun().Stages.Single().Status);
    }
}
