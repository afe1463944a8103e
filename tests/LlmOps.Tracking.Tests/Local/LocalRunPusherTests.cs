using LlmOps.Tracking.Local;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Local;

public sealed class LocalRunPusherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MlflowServerVersion.V2_17_2)]
    [InlineData(MlflowServerVersion.V3_6)]
    public async Task Local_runs_are_pushed_without_loss_and_pushing_again_sends_only_new_data(MlflowServerVersion version)
    {
        using var dir = new TempDir();
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var client = TestClients.Client(server, "pushed");
        await using var local = new LocalTracker(dir.Path);
        var pipeline = await local.StartPipelineRunAsync("fine-tune", "exec-9", new Dictionary<string, string> { [SystemTags.GitBranch] = "main" }, Ct);
        var stage = await local.StartStageRunAsync(pipeline, "train", cancellationToken: Ct);
        await local.LogParamsAsync(stage, Enumerable.Range(0, 150).ToDictionary(i => $"p{i}", i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Ct);
        var curve = Enumerable.Range(0, 2500).Select(i => new MetricPoint("loss", i == 7 ? double.NaN : 1.0 / (i + 1), i, 10_000 + i)).ToList();
        await local.LogMetricsAsync(stage, curve, Ct);
        var file = Path.Combine(dir.Path, "adapter.bin");
        await File.WriteAllBytesAsync(file, [1, 2, 3], Ct);
        var artifactUri = await local.LogArtifactAsync(stage, file, "model", Ct);
        await local.RegisterModelVersionAsync("llm", artifactUri, stage.RunId, Ct);
        await local.RegisterModelVersionAsync("llm", "s3://bucket/llm/v2", null, Ct);
        await local.RegisterModelVersionAsync("stray", "file:///tmp/not-an-artifact", null, Ct);
        await local.EndRunAsync(stage, RunStatus.Finished, Ct);
        await local.EndRunAsync(pipeline, RunStatus.Finished, Ct);

        var pusher = new LocalRunPusher(local, client);
        var first = await pusher.PushAllAsync(Ct);

        Assert.Equal(2, first.RunsCreated);
        Assert.Equal(2500, first.MetricsPushed);
        Assert.Equal(1, first.ArtifactsPushed);
        var remoteStage = server.Store.Runs.Values.Single(r => r.Name == "train");
        var remotePipeline = server.Store.Runs.Values.Single(r => r.Name == "fine-tune");
        Assert.Equal(remotePipeline.Id, remoteStage.Tags[SystemTags.ParentRunId]);
        Assert.Equal("main", remotePipeline.Tags[SystemTags.GitBranch]);
        Assert.Equal(150, remoteStage.Params.Count);
        Assert.Equal("FINISHED", remoteStage.Status);
        Assert.Equal(curve.Select(p => (p.Step, p.TimestampMs)), remoteStage.Metrics.Select(m => (m.Step, m.Timestamp)));
        Assert.True(double.IsNaN(remoteStage.Metrics[7].Value));
        Assert.Equal(curve.Where(p => !double.IsNaN(p.Value)).Select(p => p.Value), remoteStage.Metrics.Where(m => !double.IsNaN(m.Value)).Select(m => m.Value));
        Assert.Equal([1, 2, 3], server.Store.Artifacts[$"{remoteStage.ExperimentId}/{remoteStage.Id}/artifacts/model/adapter.bin"]);
        Assert.Equal(2, first.ModelVersionsPushed);
        Assert.Equal(1, first.ModelVersionsSkipped);
        Assert.Equal([$"runs:/{remoteStage.Id}/model/adapter.bin", "s3://bucket/llm/v2"], server.Store.Models["llm"].Versions.Select(v => v.Source));
        Assert.Equal(remoteStage.Id, server.Store.Models["llm"].Versions[0].RunId);

        var again = await pusher.PushAllAsync(Ct);
        Assert.Equal(0, again.RunsCreated);
        Assert.Equal(0, again.MetricsPushed);
        Assert.Equal(0, again.ArtifactsPushed);
        Assert.Equal(0, again.ModelVersionsPushed);
        Assert.Equal(2, server.Store.Models["llm"].Versions.Count);
        Assert.Equal(2500, remoteStage.Metrics.Count);

        await local.LogMetricAsync(stage, new MetricPoint("eval/acc", 0.9, 0, 99), Ct);
        var third = await pusher.PushAllAsync(Ct);
        Assert.Equal(1, third.MetricsPushed);
        Assert.Equal(2501, remoteStage.Metrics.Count);
        Assert.Equal(2, server.Store.Runs.Count);
    }
}
