using LlmOps.Dsl;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class DeploymentGuardTests
{
    [Fact]
    public void Deployment_jobs_run_only_on_the_main_branch_and_never_for_pull_requests_on_either_platform()
    {
        var files = Loaded.Generate(typeof(TrainPipeline));
        var github = YamlText.Parse(Loaded.File(files, ".github/workflows/train.yml"));
        Assert.Equal("${{ github.event_name != 'pull_request' && github.ref == 'refs/heads/main' }}", github["jobs"]!["Deploy"]!["if"]!.GetValue<string>());

        var azure = YamlText.Parse(Loaded.File(files, "azure-pipelines-train.yml"));
        var deploy = AzureYaml.Jobs(azure).Single(j => j["deployment"] is not null);
        const string Condition = "and(succeeded(), ne(variables['Build.Reason'], 'PullRequest'), eq(variables['Build.SourceBranch'], 'refs/heads/main'))";
        Assert.Equal(Condition, deploy["condition"]!.GetValue<string>());

        // The stage carries the guard too: checks run before a stage starts, so a skipped deployment asks no one.
        var stage = AzureYaml.StageOf(azure, AzureYaml.Id(deploy));
        Assert.Equal(Condition, stage["condition"]!.GetValue<string>());
    }

    [Fact]
    public void Declared_deploy_branches_and_prefixes_become_ref_conditions()
    {
        var files = Loaded.Generate(typeof(ReleaseBranchesPipeline));
        var github = YamlText.Parse(Loaded.File(files, ".github/workflows/release.yml"));
        Assert.Equal(
            "${{ github.event_name != 'pull_request' && (github.ref == 'refs/heads/stable' || startsWith(github.ref, 'refs/heads/release/')) }}",
            github["jobs"]!["Ship"]!["if"]!.GetValue<string>());
        var azure = YamlText.Parse(Loaded.File(files, "azure-pipelines-release.yml"));
        Assert.Equal(
            "and(succeeded(), ne(variables['Build.Reason'], 'PullRequest'), or(eq(variables['Build.SourceBranch'], 'refs/heads/stable'), startsWith(variables['Build.SourceBranch'], 'refs/heads/release/')))",
            AzureYaml.Jobs(azure).Single()["condition"]!.GetValue<string>());
    }

    [Fact]
    public void A_deploy_branch_that_git_cannot_name_is_an_emission_error()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(BadDeployBranchPipeline)));
        Assert.Contains("a branch that deploys to production 'main' || true || '", error.Message);
    }

    public sealed class ReleaseBranchesPipeline : Pipeline, IHasWorkflows
    {
        public Stage Ship => _ => _.DeploysTo("production", branches: ["stable", "release/*"]).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows =>
            [GitHubActions.Workflow("release").OnPush("stable").Runs(Ship), AzurePipelines.Pipeline("release").OnPush("stable").Runs(Ship)];
    }

    public sealed class BadDeployBranchPipeline : Pipeline, IHasWorkflows
    {
        public Stage Ship => _ => _.DeploysTo("production", branches: ["main' || true || '"]).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("bad").OnPush("main").Runs(Ship)];
    }
}
