using LlmOps.Tracking.Batching;
using LlmOps.Tracking.Mlflow;
using LlmOps.Tracking.Runs;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Mlflow;

public sealed class MlflowTrackerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MlflowServerVersion.V2_10_2)]
    [InlineData(MlflowServerVersion.V3_6)]
    public async Task Pipeline_and_stage_runs_are_nested_and_complete(MlflowServerVersion version)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        await using var tracker = new MlflowTracker(TestClients.Client(server), ownsClient: true);
        using var dir = new TempDir();

        var pipeline = await tracker.StartPipelineRunAsync("fine-tune", "exec-42", new Dictionary<string, string> { [SystemTags.GitCommit] = "abc123", [SystemTags.GitBranch] = "main" }, Ct);
        var stage = await tracker.StartStageRunAsync(pipeline, "train", cancellationToken: Ct);
        await tracker.LogParamsAsync(stage, new Dictionary<string, string> { ["lr"] = "0.001" }, Ct);
        await tracker.LogMetricAsync(stage, new MetricPoint("loss", 1.5, 0, 1000), Ct);
        await tracker.LogMetricsAsync(stage, [new MetricPoint("loss", 1.0, 1, 1001), new MetricPoint("loss", 0.5, 2, 1002)], Ct);
        await tracker.SetTagsAsync(stage, new Dictionary<string, string> { [SystemTags.CiRunUrl] = "https://ci/1" }, Ct);
        var file = Path.Combine(dir.Path, "adapter.safetensors");
        await File.WriteAllTextAsync(file, "weights", Ct);
        var uri = await tracker.LogArtifactAsync(stage, file, "model", Ct);
        Assert.Equal("1", await tracker.RegisterModelVersionAsync("llm", uri, stage.RunId, Ct));
        Assert.Equal("2", await tracker.RegisterModelVersionAsync("llm", uri, stage.RunId, Ct));
        await tracker.EndRunAsync(stage, RunStatus.Finished, Ct);
        await tracker.EndRunAsync(pipeline, RunStatus.Failed, Ct);

        var s = server.Store.Run(stage.RunId)!;
        Assert.Equal(pipeline.RunId, s.Tags[SystemTags.ParentRunId]);
        Assert.Equal("train", s.Tags[SystemTags.RunName]);
        Assert.Equal([1.5, 1.0, 0.5], s.Metrics.Select(m => m.Value));
        Assert.Equal("https://ci/1", s.Tags[SystemTags.CiRunUrl]);
        Assert.Equal("FINISHED", s.Status);
        Assert.Equal("abc123", server.Store.Run(pipeline.RunId)!.Tags[SystemTags.GitCommit]);
        Assert.Equal("FAILED", server.Store.Run(pipeline.RunId)!.Status);
        Assert.True(server.Store.Artifacts.ContainsKey($"{s.ExperimentId}/{s.Id}/artifacts/model/adapter.safetensors"));

        var recent = await tracker.ListRecentRunsAsync(10, Ct);
        var only = Assert.Single(recent);
        Assert.Equal("fine-tune", only.Name);
        Assert.Equal(RunStatus.Failed, only.Status);
        Assert.Contains("fine-tune", RunsTableRenderer.Render(recent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batching_logger_sends_every_point_in_few_requests()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        await using var tracker = new MlflowTracker(TestClients.Client(server), ownsClient: true);
        var run = await tracker.StartPipelineRunAsync("p", "1", cancellationToken: Ct);
        var before = server.RequestCount;

        await using (var logger = tracker.CreateMetricLogger(run, new BatchingOptions { MaxBatchSize = 1000, FlushInterval = TimeSpan.FromMinutes(1) }))
        {
            for (var step = 0; step < 10_050; step++)
            {
                logger.Log(new MetricPoint("loss", 1.0 / (step + 1), step, 1000 + step));
            }

            await logger.FlushAsync(Ct);
            Assert.Equal(10_050, logger.PointsSent);
        }

        var points = server.Store.Run(run.RunId)!.Metrics;
        Assert.Equal(10_050, points.Count);
        Assert.Equal(Enumerable.Range(0, 10_050).Select(i => (long)i), points.Select(p => p.Step));
        Assert.Equal(11, server.RequestCount - before);
    }

    [Fact]
    public async Task Batching_logger_flushes_on_its_timer_without_an_explicit_flush()
    {
        var received = new List<MetricPoint>();
        var gate = new SemaphoreSlim(0);
        await using var logger = new BatchingMetricLogger(
            (points, _) =>
            {
                lock (received)
                {
                    received.AddRange(points);
                }

                gate.Release();
                return Task.CompletedTask;
            },
            new BatchingOptions { MaxBatchSize = 1000, FlushInterval = TimeSpan.FromMilliseconds(50) });

        logger.Log("acc", 0.9, 1);
        logger.Log("acc", 0.95, 2);

        Assert.True(await gate.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task Batching_logger_reports_a_failed_send_on_flush()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        await using var tracker = new MlflowTracker(TestClients.Client(server), ownsClient: true);
        var ghost = new RunHandle("00000000000000000000000000000000", "0", "mlflow-artifacts:/0/x/artifacts");
        var logger = tracker.CreateMetricLogger(ghost);
        logger.Log("loss", 1, 0);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => logger.FlushAsync(Ct));
        Assert.Contains("RESOURCE_DOES_NOT_EXIST", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await logger.DisposeAsync());
    }

    [Fact]
    public void Invalid_metric_names_fail_with_a_clear_message()
    {
        var logger = new BatchingMetricLogger((_, _) => Task.CompletedTask);
        var ex = Assert.Throws<ArgumentException>(() => logger.Log("bad key!", 1, 0));
        Assert.Contains("may only contain", ex.Message, StringComparison.Ordinal);
    }
}
