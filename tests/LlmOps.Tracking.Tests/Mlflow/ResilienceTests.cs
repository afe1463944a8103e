using LlmOps.Tracking.Mlflow;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Mlflow;

public sealed class ResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Refused_log_batch_is_retried_and_arrives_exactly_once(int status)
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server);
        var runId = await NewRunAsync(client);
        server.InjectFault(new FakeFault("runs/log-batch", status, AfterApplying: false));

        await client.LogBatchAsync(runId, Points(10), null, null, Ct);

        Assert.Equal(10, server.Store.Run(runId)!.Metrics.Count);
        Assert.Equal(2, server.RequestsByEndpoint["POST /api/2.0/mlflow/runs/log-batch"]);
    }

    [Fact]
    public async Task Log_batch_failing_after_the_write_is_not_retried_so_no_point_is_duplicated()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server);
        var runId = await NewRunAsync(client);
        server.InjectFault(new FakeFault("runs/log-batch", 500, AfterApplying: true));

        var ex = await Assert.ThrowsAsync<MlflowException>(() => client.LogBatchAsync(runId, Points(10), null, null, Ct));

        Assert.Equal(500, ex.StatusCode);
        Assert.Contains("runs/log-batch", ex.Endpoint, StringComparison.Ordinal);
        Assert.Equal(10, server.Store.Run(runId)!.Metrics.Count);
        Assert.Equal(1, server.RequestsByEndpoint["POST /api/2.0/mlflow/runs/log-batch"]);
    }

    [Fact]
    public async Task Idempotent_reads_are_retried_on_500()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server);
        var runId = await NewRunAsync(client);
        server.InjectFault(new FakeFault("runs/get", 500, AfterApplying: false));

        var run = await client.Api.GetRunAsync(runId, Ct);

        Assert.Equal(runId, run.Run.Info.RunId);
        Assert.Equal(2, server.RequestsByEndpoint["GET /api/2.0/mlflow/runs/get"]);
    }

    [Fact]
    public async Task Timed_out_read_is_retried_but_timed_out_log_batch_is_not()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        var options = new LlmOps.Tracking.Mlflow.MlflowConnectionOptions
        {
            TrackingUri = server.BaseUri,
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            AttemptTimeout = TimeSpan.FromMilliseconds(500),
        };
        using var client = MlflowClient.Create(options);
        var runId = await NewRunAsync(client);

        server.InjectFault(new FakeFault("runs/get", 0, false, TimeSpan.FromSeconds(2)));
        Assert.Equal(runId, (await client.Api.GetRunAsync(runId, Ct)).Run.Info.RunId);
        Assert.Equal(2, server.RequestsByEndpoint["GET /api/2.0/mlflow/runs/get"]);

        server.InjectFault(new FakeFault("runs/log-batch", 0, false, TimeSpan.FromSeconds(1)));
        var ex = await Assert.ThrowsAsync<MlflowException>(() => client.LogBatchAsync(runId, Points(5), null, null, Ct));
        Assert.Null(ex.StatusCode);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        Assert.Equal(1, server.RequestsByEndpoint["POST /api/2.0/mlflow/runs/log-batch"]);
        Assert.Equal(5, server.Store.Run(runId)!.Metrics.Count);
    }

    [Fact]
    public async Task Unreachable_server_surfaces_as_typed_error_naming_the_endpoint()
    {
        var options = new MlflowConnectionOptions { TrackingUri = new Uri("http://127.0.0.1:1"), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        using var client = MlflowClient.Create(options);

        var ex = await Assert.ThrowsAsync<MlflowException>(() => client.Api.GetRunAsync("x", Ct));

        Assert.Null(ex.StatusCode);
        Assert.Equal("GET /api/2.0/mlflow/runs/get", ex.Endpoint);
    }

    [Fact]
    public async Task Bearer_token_is_sent_but_never_appears_in_errors_or_descriptions()
    {
        const string secret = "s3cr3t-token-value";
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server, token: secret);

        var ex = await Assert.ThrowsAsync<MlflowException>(() => client.Api.GetRunAsync("0000", Ct));

        Assert.Contains($"Bearer {secret}", server.AuthorizationHeaders);
        Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, client.Options.ToString(), StringComparison.Ordinal);
        var basic = new MlflowConnectionOptions { TrackingUri = server.BaseUri, Username = "u", Password = "pw-secret" };
        Assert.DoesNotContain("pw-secret", basic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_auth_is_sent_from_user_and_password()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        var options = new MlflowConnectionOptions { TrackingUri = server.BaseUri, Username = "alice", Password = "pa:ss" };
        using var client = MlflowClient.Create(options);

        await client.Api.SearchExperimentsAsync(1, cancellationToken: Ct);

        Assert.Contains("Basic " + Convert.ToBase64String("alice:pa:ss"u8.ToArray()), server.AuthorizationHeaders);
    }

    [Theory]
    [InlineData("<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>", null, "405 Method Not Allowed")]
    [InlineData("Invalid Host header - possible DNS rebinding attack detected", null, "Invalid Host header - possible DNS rebinding attack detected")]
    [InlineData("{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"Run with id=x not found\"}", "RESOURCE_DOES_NOT_EXIST", "Run with id=x not found")]
    [InlineData("{bad json", null, "{bad json")]
    public void Error_bodies_of_any_shape_are_parsed(string body, string? code, string message)
    {
        var (parsedCode, parsedMessage) = MlflowErrorParser.Parse(body);
        Assert.Equal(code, parsedCode);
        Assert.Equal(message, parsedMessage);
    }

    [Fact]
    public async Task Html_405_from_a_wrong_method_becomes_a_typed_error()
    {
        await using var server = await FakeMlflowServer.StartAsync(MlflowServerVersion.V2_17_2);
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var response = await http.PostAsync("/api/2.0/mlflow/registered-models/search", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct);

        var ex = await MlflowErrorParser.FromResponseAsync(response);

        Assert.Equal(405, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
        Assert.Contains("405 Method Not Allowed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_page_token_ends_history_paging()
    {
        var api = new RepeatingTokenApi();
        using var client = new MlflowClient(api.Create(), new MlflowConnectionOptions { TrackingUri = new Uri("http://unused") });

        var history = await client.GetMetricHistoryAsync("r", "m", Ct);

        Assert.Equal(2, history.Count);
        Assert.Equal(2, api.Calls);
    }

    private static async Task<string> NewRunAsync(MlflowClient client)
    {
        var exp = await client.GetOrCreateExperimentAsync("exp", Ct);
        return (await client.Api.CreateRunAsync(new CreateRunRequest { ExperimentId = exp }, Ct)).Run.Info.RunId;
    }

    private static List<Metric> Points(int n) => Enumerable.Range(0, n).Select(i => new Metric { Key = "m", Value = i, Step = i, Timestamp = i }).ToList();
}
