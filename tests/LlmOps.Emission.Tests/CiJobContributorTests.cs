using System.Text.Json.Nodes;
using LlmOps.Dsl;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

/// <summary>A stage kind the emitters have never heard of states what its CI job needs, and both emitters render it.</summary>
public sealed class CiJobContributorTests
{
    private static JsonNode GitHubJob(string job) =>
        YamlText.Parse(Loaded.File(Loaded.Generate(typeof(ServicePipeline)), ".github/workflows/service.yml"))["jobs"]![job]!;

    [Fact]
    public void A_kinds_gpu_environment_service_and_secret_reach_the_github_job()
    {
        var job = GitHubJob("Smoke");

        Assert.Equal(["self-hosted", "linux", "gpu"], job["runs-on"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("staging", job["environment"]!["name"]!.GetValue<string>());
        Assert.Equal("example.org/server@sha256:" + new string('b', 64), job["services"]!["model-server"]!["image"]!.GetValue<string>());
        Assert.Equal(["8000:8000"], job["services"]!["model-server"]!["ports"]!.AsArray().Select(n => n!.GetValue<string>()));
        var run = job["steps"]!.AsArray().Single(s => s!["name"]?.GetValue<string>() == "Run Service.Smoke")!;
        Assert.Equal("${{ secrets.SERVER_TOKEN }}", run["env"]!["SERVER_TOKEN"]!.GetValue<string>());
        Assert.Null(GitHubJob("Prepare")["services"]);
        Assert.Null(GitHubJob("Prepare")["steps"]!.AsArray().Single(s => s!["name"]?.GetValue<string>() == "Run Service.Prepare")!["env"]);
    }

    [Fact]
    public void Azure_says_it_cannot_emit_a_service_rather_than_dropping_it()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(AzureServicePipeline)));

        Assert.Contains("job 'Smoke' needs service containers (model-server)", error.Message);
    }

    private sealed record ModelServer : ICiJobContributor
    {
        public void Contribute(CiJobRequirements job)
        {
            job.RequireGpus(new GpuRequirement(1, []));
            job.DeployTo(new DeploymentTarget("staging"));
            job.AddService(new CiService("model-server", "example.org/server@sha256:" + new string('b', 64), [8000]));
            job.AddSecret(new CiSecret("SERVER_TOKEN", "SERVER_TOKEN"));
        }
    }

    public sealed class ServicePipeline : Pipeline, IHasWorkflows
    {
        public Stage Prepare => _ => _.Executes(_ => { });

        public Stage Smoke => _ => _.DependsOn(Prepare).With(new ModelServer()).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("service").OnPush("main").Runs(Smoke)];
    }

    public sealed class AzureServicePipeline : Pipeline, IHasWorkflows
    {
        public Stage Smoke => _ => _.With(new ModelServer()).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [AzurePipelines.Pipeline("service").OnPush("main").Runs(Smoke)];
    }
}
