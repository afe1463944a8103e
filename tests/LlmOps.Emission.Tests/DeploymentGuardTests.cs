using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class DeploymentGuardTests
{
    [Fact]
    public void Deployment_jobs_never_run_for_pull_requests_on_either_platform()
    {
        var files = Loaded.Generate(typeof(TrainPipeline));
        var github = YamlText.Parse(Loaded.File(files, ".github/workflows/train.yml"));
        Assert.Equal("${{ github.event_name != 'pull_request' }}", github["jobs"]!["Deploy"]!["if"]!.GetValue<string>());
        Assert.Null(github["jobs"]!["Train"]!["if"]);

        var azure = YamlText.Parse(Loaded.File(files, "azure-pipelines-train.yml"));
        var deploy = AzureYaml.Jobs(azure).Single(j => j["deployment"] is not null);
        Assert.Equal("and(succeeded(), ne(variables['Build.Reason'], 'PullRequest'))", deploy["condition"]!.GetValue<string>());

        // The stage carries the guard too: checks run before a stage starts, so a skipped deployment asks no one.
        var stage = AzureYaml.StageOf(azure, AzureYaml.Id(deploy));
        Assert.Equal("and(succeeded(), ne(variables['Build.Reason'], 'PullRequest'))", stage["condition"]!.GetValue<string>());
    }
}
