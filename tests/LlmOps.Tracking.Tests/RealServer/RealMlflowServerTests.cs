using LlmOps.Tracking.Batching;
using LlmOps.Tracking.Mlflow;

namespace LlmOps.Tracking.Tests.RealServer;

/// <summary>
/// The same flows against a real MLflow server, when MLFLOW_TRACKING_URI names one (skipped otherwise). Whichever
/// server the variable names is used; credentials come from MLFLOW_TRACKING_TOKEN, _USERNAME/_PASSWORD or the URI.
/// <code>
/// # MLflow 3.x as `mlflow server` starts by default: Flask behind uvicorn (MLflow PR #17038), the setup that reads a
/// # chunked request body as empty. 3.5+ only answers Host localhost/127.0.0.1 unless given --allowed-hosts.
/// python3 -m venv /tmp/mlflow3 &amp;&amp; /tmp/mlflow3/bin/pip install 'mlflow&gt;=3.6,&lt;4'
/// /tmp/mlflow3/bin/mlflow server --host 127.0.0.1 --port 5000 ///     --backend-store-uri sqlite:////tmp/mlflow3/mlflow.db --artifacts-destination /tmp/mlflow3/artifacts
/// MLFLOW_TRACKING_URI=http://127.0.0.1:5000 dotnet test tests/LlmOps.Tracking.Tests --filter FullyQualifiedName~RealServer
///
/// # MLflow 2.x (gunicorn), e.g. the 2.17.2 of the recorded transcripts:
/// python3 -m venv /tmp/mlflow2 &amp;&amp; /tmp/mlflow2/bin/pip install 'mlflow==2.17.2'
/// /tmp/mlflow2/bin/mlflow server --host 127.0.0.1 --port 5001 ///     --backend-store-uri sqlite:////tmp/mlflow2/mlflow.db --artifacts-destination /tmp/mlflow2/artifacts
/// MLFLOW_TRACKING_URI=http://127.0.0.1:5001 dotnet test tests/LlmOps.Tracking.Tests --filter FullyQualifiedName~RealServer
///
/// # FileStore backend (./mlruns): deprecated; from 3.13 the server refuses it without MLFLOW_ALLOW_FILE_STORE=true.
/// MLFLOW_ALLOW_FILE_STORE=true mlflow server --host 127.0.0.1 --port 5002 --backend-store-uri ./mlruns
/// </code>
/// What differs on the FileStore (shared/mlflow-contract NOTES.md sections 3, 4 and 7) and why these tests need no
/// change for it: experiment ids are random 18-digit numbers (ids are opaque strings here), not-found messages are
/// worded differently (the client looks at error_code and status only), NaN and infinities come back as the strings
/// "NaN"/"Infinity" (read with AllowNamedFloatingPointLiterals), deleted experiments move to .trash.
/// </summary>
public sealed class RealMlflowServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pipeline_run_with_batched_metrics_artifact_and_model_round_trips()
    {
        var options = RealServer();
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
        var modelName = $"llmops-test-{DateTime.UtcNow:yyyyMMdd}";
        var version = await tracker.RegisterModelVersionAsync(modelName, uri, stage.RunId, Ct);
        await tracker.Client.SetAliasAsync(modelName, "candidate", version, Ct);
        Assert.Equal(version, (await tracker.Client.FindVersionByAliasAsync(modelName, "candidate", Ct))?.Version);
        await tracker.Client.SetModelVersionTagAsync(modelName, version, "eval/accuracy", "0.9", Ct);
        Assert.Contains(new KeyValue("eval/accuracy", "0.9"), (await tracker.Client.Api.GetModelVersionAsync(modelName, version, Ct)).ModelVersion!.Tags!);
        await tracker.Client.DeleteAliasAsync(modelName, "candidate", Ct);
        Assert.Null(await tracker.Client.FindVersionByAliasAsync(modelName, "candidate", Ct));
        await tracker.EndRunAsync(stage, RunStatus.Finished, Ct);
        await tracker.EndRunAsync(pipeline, RunStatus.Finished, Ct);
        Assert.Contains(await tracker.ListRecentRunsAsync(50, Ct), r => r.RunId == pipeline.RunId);
    }

    [Fact]
    public async Task Local_runs_pushed_twice_arrive_once()
    {
        var options = RealServer();
        var directory = Path.Combine(Path.GetTempPath(), $"llmops-real-push-{Guid.NewGuid():N}");
        try
        {
            await using var local = new LlmOps.Tracking.Local.LocalTracker(directory);
            var pipeline = await local.StartPipelineRunAsync("real-server-push", Guid.NewGuid().ToString("N"), cancellationToken: Ct);
            var stage = await local.StartStageRunAsync(pipeline, "train", cancellationToken: Ct);
            await local.LogMetricsAsync(stage, Enumerable.Range(0, 1500).Select(i => new MetricPoint("loss", 1.0 / (i + 1), i, 1_700_000_000_000 + i)).ToList(), Ct);
            await local.EndRunAsync(stage, RunStatus.Finished, Ct);
            await local.EndRunAsync(pipeline, RunStatus.Finished, Ct);
            using var client = MlflowClient.Create(options);
            var pusher = new LlmOps.Tracking.Local.LocalRunPusher(local, client);

            var first = await pusher.PushAllAsync(Ct);
            var again = await pusher.PushAllAsync(Ct);

            Assert.Equal((2, 1500L), (first.RunsCreated, first.MetricsPushed));
            Assert.Equal((0, 0L), (again.RunsCreated, again.MetricsPushed));
            var experimentId = await client.GetOrCreateExperimentAsync(options.ExperimentName, Ct);
            var remote = await client.Api.SearchRunsAsync(new SearchRunsRequest { ExperimentIds = [experimentId], Filter = $"tags.`{LlmOps.Tracking.Local.LocalRunPusher.LocalRunIdTag}` = '{stage.RunId}'", MaxResults = 5 }, Ct);
            var run = Assert.Single(remote.Runs ?? []);
            Assert.Equal(1500, (await client.GetMetricHistoryAsync(run.Info.RunId, "loss", Ct)).Count);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Runs_and_model_versions_are_found_by_values_holding_a_quote()
    {
        // MLflow takes a filter value verbatim between its quotes; the client writes a value holding ' in double quotes.
        var options = RealServer();
        await using var tracker = new MlflowTracker(MlflowClient.Create(options), ownsClient: true);
        var pipelineRunId = $"it's-{Guid.NewGuid():N}";
        var pipeline = await tracker.StartPipelineRunAsync("real-server-quotes", pipelineRunId, cancellationToken: Ct);

        var found = await tracker.FindRunAsync(new Dictionary<string, string> { [SystemTags.PipelineRunId] = pipelineRunId }, Ct);

        Assert.Equal(pipeline.RunId, found?.RunId);
        var modelName = $"llmops-test's-{DateTime.UtcNow:yyyyMMdd}";
        var version = await tracker.RegisterModelVersionAsync(modelName, "s3://bucket/llmops-test/model", pipeline.RunId, Ct);
        var versions = await tracker.Client.Api.SearchModelVersionsAsync(SearchFilter.NameEquals(modelName), 1000, cancellationToken: Ct);
        Assert.Contains(versions.ModelVersions ?? [], v => v.Name == modelName && v.Version == version);
        await tracker.EndRunAsync(pipeline, RunStatus.Finished, Ct);
    }

    private static MlflowConnectionOptions RealServer()
    {
        var options = MlflowConnectionOptions.FromEnvironment();
        if (options is null)
        {
            Assert.Skip("MLFLOW_TRACKING_URI is not set; set it to an http(s) MLflow server to run the real-server tests.");
        }

        return options with { ExperimentName = $"llmops-tracking-tests-{DateTime.UtcNow:yyyyMMdd}" };
    }
}
