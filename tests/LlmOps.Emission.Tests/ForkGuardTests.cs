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
        var files = Loaded.Generate(typeof(ForkPipeline));
        var github = YamlText.Parse(Loaded.File(files, ".github/workflows/fork.yml"));
        Assert.Equal(GitHubGuard, github["jobs"]!["Gpu"]!["if"]!.GetValue<string>());
        Assert.Null(github["jobs"]!["Plain"]!["if"]);

        var azure = YamlText.Parse(Loaded.File(files, "azure-pipelines-fork.yml"));
        Assert.Equal(AzureGuard, azure["jobs"]!.AsArray().Single(j => j!["job"]!.GetValue<string>() == "Gpu")!["condition"]!.GetValue<string>());
        Assert.Null(azure["jobs"]!.AsArray().Single(j => j!["job"]!.GetValue<string>() == "Plain")!["condition"]);
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
