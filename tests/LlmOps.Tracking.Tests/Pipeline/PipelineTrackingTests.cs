using LlmOps.Tracking.Local;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Pipeline;

/// <summary>A pipeline run through the real CLI is recorded in MLflow (the contract server) or the local tracker.</summary>
public sealed class PipelineTrackingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MlflowServerVersion.V2_10_2)]
    [InlineData(MlflowServerVersion.V3_6)]
    public async Task Run_is_recorded_in_mlflow_as_parent_and_nested_stage_runs(MlflowServerVersion version)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var root = new TempDir();
        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack", "--learning-rate", "0.02"], new() { ["MLFLOW_TRACKING_URI"] = server.BaseUri.ToString(), ["GITHUB_SHA"] = "0123abcd", ["GITHUB_REF_NAME"] = "main" });
        Assert.True(code == 0, output + error);

        var runs = server.Store.Runs.Values.ToList();
        var parent = Assert.Single(runs, r => !r.Tags.ContainsKey(SystemTags.ParentRunId));
        var stages = runs.Where(r => r.Tags.GetValueOrDefault(SystemTags.ParentRunId) == parent.Id).ToList();
        Assert.Equal(["Tracked.Pack", "Tracked.Train"], stages.Select(s => s.Tags[SystemTags.Stage]).Order());
        Assert.All(runs, r => Assert.Equal("FINISHED", r.Status));
        Assert.Equal("0123abcd", parent.Tags[SystemTags.GitCommit]);
        Assert.Equal("main", parent.Tags[SystemTags.GitBranch]);
        Assert.Equal("Tracked", parent.Tags[SystemTags.Pipeline]);

        var train = stages.Single(s => s.Tags[SystemTags.Stage] == "Tracked.Train");
        Assert.Equal("0.02", train.Params["learning-rate"]);
        Assert.Equal("command line", train.Tags[SystemTags.ParamSourcePrefix + "learning-rate"]);
        Assert.Equal("0.02", parent.Params["Tracked.learning-rate"]);
        Assert.Equal("command line", parent.Tags[SystemTags.ParamSourcePrefix + "Tracked.learning-rate"]);
        Assert.DoesNotContain(parent.Params.Keys, k => k.EndsWith("hub-token", StringComparison.Ordinal));
        Assert.DoesNotContain(train.Params.Values, v => v.Contains("hub-secret", StringComparison.Ordinal));
        Assert.DoesNotContain(parent.Params.Values, v => v.Contains("hub-secret", StringComparison.Ordinal));
        Assert.Equal([0L, 1, 2, 3, 4], train.Metrics.Where(m => m.Key == "loss").Select(m => m.Step).Order());
        Assert.Contains(parent.Metrics, m => m.Key == "loss");

        var pack = stages.Single(s => s.Tags[SystemTags.Stage] == "Tracked.Pack");
        Assert.Contains($"{pack.ExperimentId}/{pack.Id}/artifacts/tiny-package/meta/manifest.json", server.Store.Artifacts.Keys);
        Assert.Contains($"{train.ExperimentId}/{train.Id}/artifacts/tiny-model/weights.bin", server.Store.Artifacts.Keys);
        var model = server.Store.Models["tiny-package"];
        var registered = Assert.Single(model.Versions);
        Assert.Equal(pack.Id, registered.RunId);
        Assert.EndsWith("/tiny-package", registered.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_server_the_local_tracker_records_the_run_and_Runs_lists_it()
    {
        using var root = new TempDir();
        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack"], []);
        Assert.True(code == 0, output + error);

        await using (var local = new LocalTracker(Path.Combine(root.Path, ".llmops")))
        {
            var all = await local.ListAllRunsAsync(Ct);
            Assert.Equal(3, all.Count);
            var train = all.Single(r => r.Tags.GetValueOrDefault(SystemTags.Stage) == "Tracked.Train");
            Assert.Equal(5, (await local.GetMetricHistoryAsync(train.RunId, "loss", Ct)).Count);
            var parent = all.Single(r => r.ParentRunId is null);
            Assert.Equal("0.01", parent.Params["Tracked.learning-rate"]);
            Assert.Equal("default", parent.Tags[SystemTags.ParamSourcePrefix + "Tracked.learning-rate"]);
        }

        (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Runs"], []);
        Assert.True(code == 0, output + error);
        Assert.Contains("Tracked", output, StringComparison.Ordinal);
        Assert.Contains("loss", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_on_a_server_without_the_experiment_says_there_are_none_and_creates_nothing()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var root = new TempDir();

        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Runs"], new() { ["MLFLOW_TRACKING_URI"] = server.BaseUri.ToString(), ["MLFLOW_EXPERIMENT_NAME"] = "never-used" });

        Assert.True(code == 0, output + error);
        Assert.Contains("No tracked runs yet", output, StringComparison.Ordinal);
        Assert.Equal(["Default"], server.Store.Experiments.Select(e => e.Name));
        Assert.DoesNotContain(server.RequestsByEndpoint.Keys, k => k.StartsWith("POST ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tracker_that_is_down_costs_a_warning_not_the_run()
    {
        using var root = new TempDir();
        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack"], new() { ["MLFLOW_TRACKING_URI"] = "http://127.0.0.1:9", ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0", ["MLFLOW_HTTP_REQUEST_TIMEOUT"] = "5" });
        Assert.True(code == 0, output + error);
        Assert.Contains("experiment tracking is off", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracking_can_be_switched_off()
    {
        using var root = new TempDir();
        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack"], new() { ["LLMOPS_TRACKING"] = "off" });
        Assert.True(code == 0, output + error);
        Assert.False(File.Exists(Path.Combine(root.Path, ".llmops", "tracking.db")));
    }
}
