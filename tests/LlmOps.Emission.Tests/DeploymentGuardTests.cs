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
        var deploy = azure["jobs"]!.AsArray().Single(j => j!["deployment"] is not null)!;
        Assert.Equal("and(succeeded(), ne(variables['Build.Reason'], 'PullRequest'))", deploy["condition"]!.GetValue<string>());
    }
}
