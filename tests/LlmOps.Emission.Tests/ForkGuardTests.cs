using LlmOps.Dsl;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class ForkGuardTests
{
    private const string GitHubGuard = "${{ github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository }}";
    private const string AzureGuard = "and(succeeded(), or(ne(variables['Build.Reason'], 'PullRequest'), ne(variables['System.PullRequest.IsFork'], 'True')))";

    [Fact]
    public void Self_hosted_gpu_jobs_do_not_run_for_pull_requests_from_forks_on_either_platform()
    {
        AssertGuardedOnBothPlatforms(typeof(ForkPipeline), "fork", "Gpu", "Gpu");
    }

    [Fact]
    public void Jobs_that_receive_secrets_do_not_run_for_pull_requests_from_forks()
    {
        var github = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(ForkPipeline)), ".github/workflows/fork.yml"));
        Assert.Equal(GitHubGuard, github["jobs"]!["Secretive"]!["if"]!.GetValue<string>());

        // Tracking passes MLflow's credentials to every step.
        var tracked = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(TrackedForkPipeline)), ".github/workflows/tracked-fork.yml"));
        Assert.Equal(GitHubGuard, tracked["jobs"]!["Plain"]!["if"]!.GetValue<string>());
    }

    [Fact]
    public void Jobs_that_log_in_to_a_cloud_do_not_run_for_pull_requests_from_forks_on_either_platform()
    {
        // GitHub logs in to AWS here, Azure through its service connection.
        AssertGuardedOnBothPlatforms(typeof(OidcForkPipeline), "oidc-fork", "ToAws", "ToAzure");
    }

    // The named jobs carry the fork guard on each platform; the job Plain (no runner or secret to protect) does not.
    private static void AssertGuardedOnBothPlatforms(Type pipeline, string name, string githubJob, string azureJob)
    {
        var files = Loaded.Generate(pipeline);
        var github = YamlText.Parse(Loaded.File(files, $".github/workflows/{name}.yml"));
        Assert.Equal(GitHubGuard, github["jobs"]![githubJob]!["if"]!.GetValue<string>());
        Assert.Null(github["jobs"]!["Plain"]!["if"]);

        var azure = YamlText.Parse(Loaded.File(files, $"azure-pipelines-{name}.yml"));
        Assert.Equal(AzureGuard, AzureYaml.Job(azure, azureJob)["condition"]!.GetValue<string>());
        Assert.Null(AzureYaml.Job(azure, "Plain")["condition"]);
    }

    [Fact]
    public void Allowing_fork_pull_requests_is_an_explicit_opt_in_that_removes_the_guard()
    {
        var github = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(TrustedForkPipeline)), ".github/workflows/trusted.yml"));
        Assert.Null(github["jobs"]!["Gpu"]!["if"]);
        Assert.Null(github["jobs"]!["Secretive"]!["if"]);
    }

    [Fact]
    public void Workflows_without_a_pull_request_trigger_need_no_fork_guard()
    {
        var github = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(GroupedPipeline)), ".github/workflows/grouped.yml"));
        Assert.Null(github["jobs"]!["Train"]!["if"]);
    }

    public class ForkPipeline : Pipeline, IHasWorkflows
    {
        [Parameter("A token"), Secret]
        public string ApiToken { get; set; } = "";

        public Stage Plain => _ => _.Executes(_ => { });

        public Stage Gpu => _ => _.RequiresGpus(1).Executes(_ => { });

        public Stage Secretive => _ => _.Executes(ctx => ctx.Log(ApiToken.Length.ToString()));

        public virtual IEnumerable<WorkflowDefinition> Workflows =>
        [
            GitHubActions.Workflow("fork").OnPullRequest().Runs(Plain, Gpu, Secretive),
            AzurePipelines.Pipeline("fork").OnPullRequest().Runs(Plain, Gpu, Secretive),
        ];
    }

    public sealed class OidcForkPipeline : OidcPipeline
    {
        public override string Name => "OidcFork";

        public override IEnumerable<WorkflowDefinition> Workflows =>
        [
            GitHubActions.Workflow("oidc-fork").OnPullRequest().Runs(ToAws, Plain),
            AzurePipelines.Pipeline("oidc-fork").UsesServiceConnection("arm-federated").OnPullRequest().Runs(ToAzure, Plain),
        ];
    }

    public sealed class TrustedForkPipeline : ForkPipeline
    {
        public override string Name => "Trusted";

        public override IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("trusted").OnPullRequest().AllowForkPullRequests().Runs(Plain, Gpu, Secretive)];
    }

    public sealed class TrackedForkPipeline : ForkPipeline
    {
        public override string Name => "TrackedFork";

        public override IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("tracked-fork").OnPullRequest().TracksExperiments().Runs(Plain)];
    }
}
