using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class ExperimentTrackingTests
{
    [Fact]
    public void A_tracked_github_workflow_passes_the_mlflow_connection_from_vars_and_secrets()
    {
        var github = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(TrackedTrainPipeline)), ".github/workflows/tracked.yml"));
        var step = github["jobs"]!["Fit"]!["steps"]!.AsArray().Single(s => s!["name"]?.GetValue<string>() == "Run TrackedTrain.Fit")!;
        var env = step["env"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());

        Assert.Equal("${{ vars.MLFLOW_TRACKING_URI }}", env["MLFLOW_TRACKING_URI"]);
        Assert.Equal("${{ vars.MLFLOW_EXPERIMENT_NAME }}", env["MLFLOW_EXPERIMENT_NAME"]);
        Assert.Equal("${{ secrets.MLFLOW_TRACKING_TOKEN }}", env["MLFLOW_TRACKING_TOKEN"]);
        Assert.Equal("${{ secrets.MLFLOW_TRACKING_PASSWORD }}", env["MLFLOW_TRACKING_PASSWORD"]);

        // Unset variables arrive empty and are unset before ./build.sh, so an untracked fork tracks locally.
        var script = step["run"]!.GetValue<string>();
        Assert.Contains("MLFLOW_TRACKING_URI", script.Split('\n')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("${{", script, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tracked_azure_pipeline_passes_the_mlflow_connection_as_variables()
    {
        var azure = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(TrackedTrainPipeline)), "azure-pipelines-tracked.yml"));
        var step = AzureYaml.Jobs(azure)[0]["steps"]!.AsArray().Single(s => s!["displayName"]?.GetValue<string>() == "Run TrackedTrain.Fit")!;
        var env = step["env"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());

        Assert.Equal("$(MLFLOW_TRACKING_URI)", env["MLFLOW_TRACKING_URI"]);
        Assert.Equal("$(MLFLOW_TRACKING_TOKEN)", env["MLFLOW_TRACKING_TOKEN"]);
    }

    [Fact]
    public void An_untracked_workflow_passes_no_mlflow_variables()
    {
        var text = Loaded.File(Loaded.Generate(typeof(TrainPipeline)), ".github/workflows/train.yml");
        Assert.DoesNotContain("MLFLOW_", text, StringComparison.Ordinal);
    }
}
