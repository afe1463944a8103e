using LlmOps.Tracking.Mlflow;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Mlflow;

/// <summary>
/// MLflow 3.x serves Flask behind uvicorn, which reads a chunked body without Content-Length as empty. Every JSON body
/// the client sends must therefore carry a Content-Length, on every verb that has one (POST, PATCH, DELETE).
/// </summary>
public sealed class RequestFramingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Json_bodies_carry_a_content_length_so_mlflow_3_behind_uvicorn_reads_them()
    {
        await using var server = await FakeMlflowServer.StartAsync(MlflowServerVersion.V3_6);
        using var client = TestClients.Client(server);

        var experimentId = await client.GetOrCreateExperimentAsync("framed", Ct);
        var run = (await client.Api.CreateRunAsync(new CreateRunRequest { ExperimentId = experimentId, RunName = "r" }, Ct)).Run;
        await client.LogBatchAsync(run.Info.RunId, [new Metric { Key = "loss", Value = 0.5, Timestamp = 1 }], [new KeyValue("lr", "0.1")], null, Ct);
        await client.Api.UpdateRunAsync(new UpdateRunRequest { RunId = run.Info.RunId, Status = "FINISHED", EndTime = 2 }, Ct);
        await client.Api.CreateRegisteredModelAsync(new CreateRegisteredModelRequest { Name = "m" }, Ct);
        await client.Api.UpdateRegisteredModelAsync(new UpdateRegisteredModelRequest("m", "patched"), Ct);
        await client.Api.CreateModelVersionAsync(new CreateModelVersionRequest { Name = "m", Source = "runs:/x/model" }, Ct);
        await client.Api.SetAliasAsync(new SetAliasRequest("m", "champion", "1"), Ct);
        await client.Api.DeleteAliasAsync(new DeleteAliasRequest("m", "champion"), Ct);

        Assert.Equal(0, server.ChunkedJsonRequests);
        Assert.Equal("framed", server.Store.Experiments.Single(e => e.Id == experimentId).Name);
        Assert.Equal("0.1", server.Store.Run(run.Info.RunId)!.Params["lr"]);
        Assert.Equal("FINISHED", server.Store.Run(run.Info.RunId)!.Status);
        Assert.Equal("patched", server.Store.Models["m"].Description);
        Assert.Empty(server.Store.Models["m"].Aliases);
    }

    [Theory]
    [InlineData(MlflowServerVersion.V2_10_2, 200, null)]
    [InlineData(MlflowServerVersion.V2_17_2, 200, null)]
    [InlineData(MlflowServerVersion.V3_6, 400, "Missing value for required parameter 'name'")]
    public async Task Contract_server_reads_a_chunked_json_body_as_empty_only_when_emulating_mlflow_3(MlflowServerVersion version, int status, string? message)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        using var response = await http.PostAsync("/api/2.0/mlflow/experiments/create", new UnsizedContent("{\"name\":\"chunked\"}"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(1, server.ChunkedJsonRequests);
        Assert.Equal(status, (int)response.StatusCode);
        if (message is not null)
        {
            Assert.Contains("INVALID_PARAMETER_VALUE", body, StringComparison.Ordinal);
            Assert.Contains(message, body, StringComparison.Ordinal);
        }
    }
}
