using LlmOps.Tracking.Local;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Pipeline;

/// <summary>
/// Stages taken from the cache are nested runs that say where their outputs came from: a fully cached run is not an
/// empty parent, and a server that never saw the producing run still gets the stage's metrics, outputs and model.
/// </summary>
public sealed class CachedStageTrackingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fully_cached_run_records_each_stage_as_a_nested_run_linked_to_the_run_that_produced_it()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var root = new TempDir();
        await RunPackAsync(root, server);
        var producer = ParentRuns(server).Single();
        var producerTrain = StageRun(server, producer, "Tracked.Train");
        var uploads = server.Store.Artifacts.Count;

        await RunPackAsync(root, server);

        var cachedParent = ParentRuns(server).Single(p => p.Id != producer.Id);
        var stages = server.Store.Runs.Values.Where(r => r.Tags.GetValueOrDefault(SystemTags.ParentRunId) == cachedParent.Id).ToList();
        Assert.Equal(["Tracked.Pack", "Tracked.Train"], stages.Select(s => s.Tags[SystemTags.Stage]).Order());
        var train = stages.Single(s => s.Tags[SystemTags.Stage] == "Tracked.Train");
        Assert.Equal(producer.Tags[SystemTags.PipelineRunId], train.Tags[SystemTags.CachedFromPipelineRunId]);
        Assert.Equal(server.BaseUri.ToString().TrimEnd('/'), train.Tags[SystemTags.CachedFromLocation]);
        Assert.Equal(producerTrain.Id, train.Tags[SystemTags.CachedFromRunId]);
        Assert.Equal("linked", train.Tags[SystemTags.Outputs]);
        Assert.Equal(producerTrain.Id, train.Tags[SystemTags.OutputsRunId]);
        Assert.Contains($"#/experiments/{producerTrain.ExperimentId}/runs/{producerTrain.Id}", train.Tags[SystemTags.Note], StringComparison.Ordinal);
        Assert.Equal("0.01", train.Params["learning-rate"]);
        Assert.Equal(0.2, Assert.Single(train.Metrics, m => m.Key == "loss").Value, 9);
        Assert.Contains(cachedParent.Metrics, m => m.Key == "loss");
        Assert.All(stages, s => Assert.Equal("FINISHED", s.Status));
        Assert.Equal("FINISHED", cachedParent.Status);

        // Linked, not copied: the outputs and the model version stay with the producing run.
        Assert.Equal(uploads, server.Store.Artifacts.Count);
        Assert.Single(server.Store.Models["tiny-package"].Versions);
    }

    [Fact]
    public async Task A_stage_cached_from_a_run_tracked_on_another_server_gets_a_run_with_metrics_outputs_and_model_here_once()
    {
        await using var first = await FakeMlflowServer.StartAsync();
        await using var second = await FakeMlflowServer.StartAsync(MlflowServerVersion.V2_17_2);
        using var root = new TempDir();
        await RunPackAsync(root, first);
        var producer = ParentRuns(first).Single();
        var producerPack = StageRun(first, producer, "Tracked.Pack");

        await RunPackAsync(root, second);

        var parent = ParentRuns(second).Single();
        var pack = StageRun(second, parent, "Tracked.Pack");
        var train = StageRun(second, parent, "Tracked.Train");
        Assert.Equal(first.BaseUri.ToString().TrimEnd('/'), pack.Tags[SystemTags.CachedFromLocation]);
        Assert.Equal(producerPack.Id, pack.Tags[SystemTags.CachedFromRunId]);
        Assert.Equal(producer.Tags[SystemTags.PipelineRunId], pack.Tags[SystemTags.CachedFromPipelineRunId]);
        Assert.Equal("copied", pack.Tags[SystemTags.Outputs]);
        Assert.Equal(pack.Id, pack.Tags[SystemTags.OutputsRunId]);
        Assert.Equal(0.2, Assert.Single(train.Metrics, m => m.Key == "loss").Value, 9);
        Assert.Contains(parent.Metrics, m => m.Key == "loss");
        Assert.Equal("weights"u8.ToArray(), second.Store.Artifacts[$"{train.ExperimentId}/{train.Id}/artifacts/tiny-model/weights.bin"]);
        Assert.Contains($"{pack.ExperimentId}/{pack.Id}/artifacts/tiny-package/meta/manifest.json", second.Store.Artifacts.Keys);
        Assert.Equal(pack.Id, Assert.Single(second.Store.Models["tiny-package"].Versions).RunId);

        // A later cached run on the same server links to that copy instead of uploading the outputs again.
        var uploads = second.Store.Artifacts.Count;
        await RunPackAsync(root, second);
        var later = ParentRuns(second).Single(p => p.Id != parent.Id);
        var laterPack = StageRun(second, later, "Tracked.Pack");
        Assert.Equal("linked", laterPack.Tags[SystemTags.Outputs]);
        Assert.Equal(pack.Id, laterPack.Tags[SystemTags.OutputsRunId]);
        Assert.Equal(uploads, second.Store.Artifacts.Count);
        Assert.Single(second.Store.Models["tiny-package"].Versions);
    }

    [Fact]
    public async Task In_the_local_tracker_a_fully_cached_run_has_a_nested_run_per_stage_with_the_producers_metrics()
    {
        using var root = new TempDir();
        await RunPackAsync(root, server: null);
        await RunPackAsync(root, server: null);

        await using var local = new LocalTracker(Path.Combine(root.Path, ".llmops"));
        var all = await local.ListAllRunsAsync(Ct);
        var parents = all.Where(r => r.ParentRunId is null).OrderBy(r => r.StartTime).ToList();
        Assert.Equal(2, parents.Count);
        var cached = all.Where(r => r.ParentRunId == parents[1].RunId).ToList();
        Assert.Equal(2, cached.Count);
        var train = cached.Single(r => r.Tags[SystemTags.Stage] == "Tracked.Train");
        var producerTrain = all.Single(r => r.ParentRunId == parents[0].RunId && r.Tags[SystemTags.Stage] == "Tracked.Train");
        Assert.Equal(LocalTracker.LocalLocation, train.Tags[SystemTags.CachedFromLocation]);
        Assert.Equal(producerTrain.RunId, train.Tags[SystemTags.OutputsRunId]);
        Assert.Equal(0.2, train.LatestMetrics["loss"], 9);
        Assert.Equal(0.2, parents[1].LatestMetrics["loss"], 9);
    }

    private static async Task RunPackAsync(TempDir root, FakeMlflowServer? server)
    {
        var environment = server is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = server.BaseUri.ToString() };
        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack"], environment);
        Assert.True(code == 0, output + error);
        Assert.DoesNotContain("experiment tracking is off", error, StringComparison.Ordinal);
    }

    private static List<FakeRun> ParentRuns(FakeMlflowServer server) =>
        server.Store.Runs.Values.Where(r => !r.Tags.ContainsKey(SystemTags.ParentRunId)).ToList();

    private static FakeRun StageRun(FakeMlflowServer server, FakeRun parent, string stage) =>
        server.Store.Runs.Values.Single(r => r.Tags.GetValueOrDefault(SystemTags.ParentRunId) == parent.Id && r.Tags[SystemTags.Stage] == stage);
}
