using LlmOps.Tracking.Mlflow;

namespace LlmOps.Tracking.Tests.Mlflow;

public sealed class AttemptTimeoutTests
{
    private static readonly Uri Server = new("http://127.0.0.1:5000");

    [Fact]
    public void Upload_limit_is_the_request_timeout_plus_the_size_at_one_mebibyte_per_second()
    {
        var options = MlflowConnectionOptions.FromEnvironment(Env(("MLFLOW_HTTP_REQUEST_TIMEOUT", "30")))!;

        Assert.Equal(TimeSpan.FromSeconds(30), AttemptTimeouts.For(Get("/api/2.0/mlflow/runs/get"), options));
        Assert.Equal(TimeSpan.FromSeconds(30), AttemptTimeouts.For(Upload(0), options));
        Assert.Equal(TimeSpan.FromSeconds(30 + 512), AttemptTimeouts.For(Upload(512L * 1024 * 1024), options));
        Assert.Equal(TimeSpan.FromSeconds(30), AttemptTimeouts.For(Get("/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/a.bin"), options));
    }

    [Fact]
    public void Mlflow_artifact_timeout_variable_fixes_the_limit_of_every_transfer()
    {
        var options = MlflowConnectionOptions.FromEnvironment(Env(("MLFLOW_HTTP_REQUEST_TIMEOUT", "30"), ("MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT", "7")))!;

        Assert.Equal(TimeSpan.FromSeconds(7), AttemptTimeouts.For(Upload(512L * 1024 * 1024), options));
        Assert.Equal(TimeSpan.FromSeconds(30), AttemptTimeouts.For(Get("/api/2.0/mlflow/runs/get"), options));
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(Server, path));

    private static HttpRequestMessage Upload(long bytes)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri(Server, "/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/a.bin"))
        {
            Content = new ByteArrayContent([]),
        };
        request.Content.Headers.ContentLength = bytes;
        return request;
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => name == "MLFLOW_TRACKING_URI" ? Server.ToString() : values.FirstOrDefault(v => v.Name == name).Value;
}
