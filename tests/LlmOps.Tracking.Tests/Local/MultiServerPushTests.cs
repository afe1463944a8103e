using LlmOps.Tracking.Local;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Local;

/// <summary>
/// One local store pushed to several MLflow servers, or to a server that lost its data: what was pushed where is
/// remembered per server, and the server's own runs (found by their <c>llmops.local_run_id</c> tag) are the truth.
/// </summary>
public sealed class MultiServerPushTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pushing_to_a_second_server_sends_everything_there_and_leaves_the_first_as_it_was()
    {
        using var dir = new TempDir();
        await using var local = new LocalTracker(dir.Path);
        var stageRunId = await RecordAsync(local, dir.Path);
        await using var first = await FakeMlflowServer.StartAsync();
        await using var second = await FakeMlflowServer.StartAsync(MlflowServerVersion.V2_17_2);

        using (var client = TestClients.Client(first, "pushed"))
        {
            await new LocalRunPusher(local, client).PushAllAsync(Ct);
        }

        PushResult toSecond;
        using (var client = TestClients.Client(second, "pushed"))
        {
            toSecond = await new LocalRunPusher(local, client).PushAllAsync(Ct);
        }

        Assert.Equal((2, 300L, 1, 1), (toSecond.RunsCreated, toSecond.MetricsPushed, toSecond.ArtifactsPushed, toSecond.ModelVersionsPushed));
        AssertComplete(second);
        AssertComplete(first);

        using (var client = TestClients.Client(first, "pushed"))
        {
            await local.LogMetricAsync(new RunHandle(stageRunId, LocalTracker.LocalExperimentId, "", null), new MetricPoint("loss", 0.01, 300, 99_999), Ct);
            var again = await new LocalRunPusher(local, client).PushAllAsync(Ct);
            Assert.Equal((0, 1L, 0, 0), (again.RunsCreated, again.MetricsPushed, again.ArtifactsPushed, again.ModelVersionsPushed));
        }

        Assert.Equal(301, first.Store.Runs.Values.Single(r => r.Name == "train").Metrics.Count);
        Assert.Equal(300, second.Store.Runs.Values.Single(r => r.Name == "train").Metrics.Count);
    }

    [Fact]
    public async Task A_server_that_lost_its_data_gets_every_run_again()
    {
        using var dir = new TempDir();
        await using var local = new LocalTracker(dir.Path);
        await RecordAsync(local, dir.Path);
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server, "pushed");
        var pusher = new LocalRunPusher(local, client);
        await pusher.PushAllAsync(Ct);

        server.Store.Reset();
        var again = await pusher.PushAllAsync(Ct);

        Assert.Equal((2, 300L, 1, 1), (again.RunsCreated, again.MetricsPushed, again.ArtifactsPushed, again.ModelVersionsPushed));
        AssertComplete(server);
    }

    // A pipeline run with a 300-point stage run, one artifact and a model version registered from it.
    private static async Task<string> RecordAsync(LocalTracker local, string directory)
    {
        var pipeline = await local.StartPipelineRunAsync("fine-tune", "exec-1", cancellationToken: Ct);
        var stage = await local.StartStageRunAsync(pipeline, "train", cancellationToken: Ct);
        await local.LogParamsAsync(stage, new Dictionary<string, string> { ["lr"] = "0.1" }, Ct);
        await local.LogMetricsAsync(stage, Enumerable.Range(0, 300).Select(i => new MetricPoint("loss", 1.0 / (i + 1), i, 1_000 + i)).ToList(), Ct);
        var file = Path.Combine(directory, "adapter.bin");
        await File.WriteAllBytesAsync(file, [7, 8, 9], Ct);
        var uri = await local.LogArtifactAsync(stage, file, "model", Ct);
        await local.RegisterModelVersionAsync("llm", uri, stage.RunId, Ct);
        await local.EndRunAsync(stage, RunStatus.Finished, Ct);
        await local.EndRunAsync(pipeline, RunStatus.Finished, Ct);
        return stage.RunId;
    }

    private static void AssertComplete(FakeMlflowServer server)
    {
        var pipeline = server.Store.Runs.Values.Single(r => r.Name == "fine-tune");
        var stage = server.Store.Runs.Values.Single(r => r.Name == "train");
        Assert.Equal(2, server.Store.Runs.Count);
        Assert.Equal(pipeline.Id, stage.Tags[SystemTags.ParentRunId]);
        Assert.Equal("0.1", stage.Params["lr"]);
        Assert.Equal(300, stage.Metrics.Count(m => m.Key == "loss"));
        Assert.Equal("FINISHED", stage.Status);
        Assert.Equal([7, 8, 9], server.Store.Artifacts[$"{stage.ExperimentId}/{stage.Id}/artifacts/model/adapter.bin"]);
        var version = Assert.Single(server.Store.Models["llm"].Versions);
        Assert.Equal($"runs:/{stage.Id}/model/adapter.bin", version.Source);
    }
}
