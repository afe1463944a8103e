using LlmOps.Tracking.Mlflow;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Mlflow;

/// <summary>The Refit client against the fake server, per MLflow version where behaviour differs.</summary>
public sealed class MlflowClientContractTests
{
    public static TheoryData<MlflowServerVersion> Versions => [MlflowServerVersion.V2_10_2, MlflowServerVersion.V2_17_2, MlflowServerVersion.V3_6];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Experiment_get_or_create_and_already_exists_maps_to_typed_error(MlflowServerVersion version)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var client = TestClients.Client(server);

        var id = await client.GetOrCreateExperimentAsync("exp-a", Ct);
        Assert.Equal(id, await client.GetOrCreateExperimentAsync("exp-a", Ct));

        var ex = await Assert.ThrowsAsync<MlflowException>(() => client.Api.CreateExperimentAsync(new CreateExperimentRequest { Name = "exp-a" }, Ct));
        Assert.Equal(400, ex.StatusCode);
        Assert.True(ex.IsAlreadyExists);
        Assert.Contains("POST /api/2.0/mlflow/experiments/create", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RESOURCE_ALREADY_EXISTS", ex.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<MlflowException>(() => client.Api.GetExperimentAsync("999999", Ct));
        Assert.Equal(404, missing.StatusCode);
        Assert.True(missing.IsNotFound);

        var search = await client.Api.SearchExperimentsAsync(1, cancellationToken: Ct);
        Assert.Single(search.Experiments!);
        Assert.False(string.IsNullOrEmpty(search.NextPageToken));
        var invalid = await Assert.ThrowsAsync<MlflowException>(() => client.Api.SearchExperimentsAsync(0, cancellationToken: Ct));
        Assert.Equal("INVALID_PARAMETER_VALUE", invalid.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Run_round_trip_keeps_nan_infinities_and_omitted_fields(MlflowServerVersion version)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var client = TestClients.Client(server);
        var exp = await client.GetOrCreateExperimentAsync("exp", Ct);
        var run = (await client.Api.CreateRunAsync(new CreateRunRequest { ExperimentId = exp, RunName = "r1", StartTime = 1 }, Ct)).Run;
        Assert.Null(run.Info.EndTime);
        Assert.Null(run.Data?.Metrics);

        double[] values = [0.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        for (var i = 0; i < values.Length; i++)
        {
            await client.Api.LogMetricAsync(new LogMetricRequest { RunId = run.Info.RunId, Key = "loss", Value = values[i], Timestamp = 10 + i, Step = i }, Ct);
        }

        var history = await client.GetMetricHistoryAsync(run.Info.RunId, "loss", Ct);
        Assert.Equal(values, history.Select(m => m.Value));
        Assert.Equal([0L, 1, 2, 3], history.Select(m => m.Step));

        await client.Api.UpdateRunAsync(new UpdateRunRequest { RunId = run.Info.RunId, Status = "FINISHED", EndTime = 99 }, Ct);
        var fetched = (await client.Api.GetRunAsync(run.Info.RunId, Ct)).Run;
        Assert.Equal("FINISHED", fetched.Info.Status);
        Assert.Equal(99, fetched.Info.EndTime);
        Assert.Equal(double.NegativeInfinity, Assert.Single(fetched.Data!.Metrics!).Value);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Log_batch_is_split_to_server_limits_and_everything_arrives(MlflowServerVersion version)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var client = TestClients.Client(server);
        var exp = await client.GetOrCreateExperimentAsync("exp", Ct);
        var runId = (await client.Api.CreateRunAsync(new CreateRunRequest { ExperimentId = exp }, Ct)).Run.Info.RunId;
        var metrics = Enumerable.Range(0, 2500).Select(i => new Metric { Key = "m", Value = i, Step = i, Timestamp = i }).ToList();
        var parameters = Enumerable.Range(0, 250).Select(i => new KeyValue($"p{i}", "v")).ToList();
        var tags = Enumerable.Range(0, 150).Select(i => new KeyValue($"t{i}", "v")).ToList();

        var requests = await client.LogBatchAsync(runId, metrics, parameters, tags, Ct);

        Assert.Equal(3, requests);
        var stored = server.Store.Run(runId)!;
        Assert.Equal(2500, stored.Metrics.Count);
        Assert.Equal(250, stored.Params.Count);
        Assert.Equal(151, stored.Tags.Count); // + mlflow.runName
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (double)i), stored.Metrics.Select(m => m.Value));
    }

    [Fact]
    public async Task Metric_history_paginates_on_3x_and_sends_max_results()
    {
        await using var server = await FakeMlflowServer.StartAsync(MlflowServerVersion.V3_6);
        using var client = TestClients.Client(server);
        var exp = await client.GetOrCreateExperimentAsync("exp", Ct);
        var runId = (await client.Api.CreateRunAsync(new CreateRunRequest { ExperimentId = exp }, Ct)).Run.Info.RunId;
        var metrics = Enumerable.Range(0, 30_000).Select(i => new Metric { Key = "m", Value = i, Step = i, Timestamp = i }).ToList();
        await client.LogBatchAsync(runId, metrics, null, null, Ct);

        var history = await client.GetMetricHistoryAsync(runId, "m", Ct);

        Assert.Equal(30_000, history.Count);
        Assert.Equal(2, server.RequestsByEndpoint["GET /api/2.0/mlflow/metrics/get-history"]);
    }

    [Fact]
    public async Task Long_param_values_are_truncated_client_side_so_2_10_accepts_them()
    {
        await using var server = await FakeMlflowServer.StartAsync(MlflowServerVersion.V2_10_2);
        using var client = TestClients.Client(server);
        await using var tracker = new MlflowTracker(client);
        var run = await tracker.StartPipelineRunAsync("p", "1", cancellationToken: Ct);

        await tracker.LogParamsAsync(run, new Dictionary<string, string> { ["prompt"] = new string('x', 8001) }, Ct);

        Assert.Equal(6000, server.Store.Run(run.RunId)!.Params["prompt"].Length);
        var raw = await Assert.ThrowsAsync<MlflowException>(() => client.Api.LogParameterAsync(new RunKeyValueRequest(run.RunId, "raw", new string('y', 8001)), Ct));
        Assert.Equal("INVALID_PARAMETER_VALUE", raw.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Registry_models_versions_and_aliases(MlflowServerVersion version)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var client = TestClients.Client(server);
        var api = client.Api;
        await api.CreateRegisteredModelAsync(new CreateRegisteredModelRequest { Name = "m", Description = "d" }, Ct);
        var dup = await Assert.ThrowsAsync<MlflowException>(() => api.CreateRegisteredModelAsync(new CreateRegisteredModelRequest { Name = "m" }, Ct));
        Assert.True(dup.IsAlreadyExists);

        var v1 = (await api.CreateModelVersionAsync(new CreateModelVersionRequest { Name = "m", Source = "runs:/r/model", RunId = "r" }, Ct)).ModelVersion!;
        Assert.Equal("1", v1.Version);
        await api.UpdateModelVersionAsync(new UpdateModelVersionRequest("m", "1", "updated"), Ct);
        Assert.Equal("updated", (await api.GetModelVersionAsync("m", "1", Ct)).ModelVersion!.Description);
        await api.UpdateRegisteredModelAsync(new UpdateRegisteredModelRequest("m", "d2"), Ct);

        Assert.Single((await api.SearchRegisteredModelsAsync("name='m'", 10, cancellationToken: Ct)).RegisteredModels!);
        Assert.Single((await api.SearchModelVersionsAsync("name='m'", cancellationToken: Ct)).ModelVersions!);

        await api.SetAliasAsync(new SetAliasRequest("m", "champion", "1"), Ct);
        Assert.Equal("1", (await api.GetModelVersionByAliasAsync("m", "champion", Ct)).ModelVersion!.Version);
        await api.DeleteAliasAsync(new DeleteAliasRequest("m", "champion"), Ct);
        var gone = await Assert.ThrowsAsync<MlflowException>(() => api.GetModelVersionByAliasAsync("m", "champion", Ct));
        Assert.Equal(400, gone.StatusCode); // MLflow answers 400, not 404, for an unknown alias.

        var bad = await Assert.ThrowsAsync<MlflowException>(() => api.GetModelVersionAsync("m", "abc", Ct));
        Assert.Equal("INVALID_PARAMETER_VALUE", bad.ErrorCode);
    }

    [Fact]
    public async Task Artifacts_stream_up_list_and_down()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server);
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "model weights.bin");
        var bytes = new byte[3 * 1024 * 1024 + 17];
        Random.Shared.NextBytes(bytes);
        await File.WriteAllBytesAsync(file, bytes, Ct);
        const string root = "mlflow-artifacts:/1/abc/artifacts";

        var uri = await client.UploadArtifactAsync(root, file, "model/v1", Ct);

        Assert.Equal($"{root}/model/v1/model weights.bin", uri);
        var top = await client.ListArtifactsAsync(root, null, Ct);
        Assert.True(Assert.Single(top).IsDir);
        var inner = Assert.Single(await client.ListArtifactsAsync(root, "model/v1", Ct));
        Assert.Equal(bytes.Length, inner.FileSize);
        var copy = Path.Combine(dir.Path, "down", "copy.bin");
        await client.DownloadArtifactAsync(root, "model/v1/model weights.bin", copy, Ct);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(copy, Ct));

        var missing = await Assert.ThrowsAsync<MlflowException>(() => client.DownloadArtifactAsync(root, "nope.bin", Path.Combine(dir.Path, "x"), Ct));
        Assert.Equal("INTERNAL_ERROR", missing.ErrorCode);
        Assert.False(File.Exists(Path.Combine(dir.Path, "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ListArtifactsAsync(root, "../etc", Ct));
    }

    [Fact]
    public async Task Artifact_download_is_streamed_not_buffered()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server);

        // The server holds back the second half until released; a buffering client could not return before that.
        var download = client.Api.DownloadArtifactAsync("1/run/artifacts/slow-weights.bin", Ct);
        var first = await Task.WhenAny(download, Task.Delay(TimeSpan.FromSeconds(20), Ct));
        Assert.Same(download, first);
        using var response = await download;
        server.SlowDownloadRelease.SetResult();
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(2048, bytes.Length);
    }
}
