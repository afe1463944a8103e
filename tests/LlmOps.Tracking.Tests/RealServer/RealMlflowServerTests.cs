using LlmOps.Tracking.Batching;
using LlmOps.Tracking.Mlflow;

namespace LlmOps.Tracking.Tests.RealServer;

/// <summary>The same flows against a real MLflow server, when MLFLOW_TRACKING_URI names one.</summary>
public sealed class RealMlflowServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pipeline_run_with_batched_metrics_artifact_and_model_round_trips()
    {
        var options = MlflowConnectionOptions.FromEnvironment();
        if (options is null)
        {
            Assert.Skip("MLFLOW_TRACKING_URI is not set; set it to an http(s) MLflow server to run the real-server tests.");
        }

        options = new MlflowConnectionOptions
        {
            TrackingUri = options.TrackingUri,
            Token = options.Token,
            Username = options.Username,
            Password = options.Password,
            InsecureTls = options.InsecureTls,
            ExperimentName = $"llmops-tracking-tests-{DateTime.UtcNow:yyyyMMdd}",
        };
        await using var tracker = new MlflowTracker(MlflowClient.Create(options), ownsClient: true);
        var pipeline = await tracker.StartPipelineRunAsync("real-server-test", Guid.NewGuid().ToString("N"), cancellationToken: Ct);
        var stage = await tracker.StartStageRunAsync(pipeline, "train", cancellationToken: Ct);
        await using (var logger = tracker.CreateMetricLogger(stage))
        {
            for (var i = 0; i < 2500; i++)
            {
                logger.Log(new MetricPoint("loss", i == 3 ? double.NaN : 1.0 / (i + 1), i, 1_700_000_000_000 + i));
            }
        }

        var history = await tracker.Client.GetMetricHistoryAsync(stage.RunId, "loss", Ct);
        Assert.Equal(2500, history.Count);
        var file = Path.Combine(Path.GetTempPath(), $"llmops-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "artifact", Ct);
        var uri = await tracker.LogArtifactAsync(stage, file, "out", Ct);
        File.Delete(file);
        Assert.Contains(await tracker.Client.ListArtifactsAsync(stage.ArtifactUri, "out", Ct), f => f.Path.EndsWith(".txt", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(await tracker.RegisterModelVersionAsync($"llmops-test-{DateTime.UtcNow:yyyyMMdd}", uri, stage.RunId, Ct)));
        await tracker.EndRunAsync(stage, RunStatus.Finished, Ct);
        await tracker.EndRunAsync(pipeline, RunStatus.Finished, Ct);
        Assert.Contains(await tracker.ListRecentRunsAsync(50, Ct), r => r.RunId == pipeline.RunId);
    }
}
