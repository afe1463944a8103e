using LlmOps.Tracking.Mlflow;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Pipeline;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Mlflow;

/// <summary>Credentials written into MLFLOW_TRACKING_URI are used for Basic auth, as MLflow's Python client does, and never shown.</summary>
public sealed class UriCredentialsTests
{
    private const string Password = "Zq9-s3cr3t@!";
    private const string EncodedPassword = "Zq9-s3cr3t%40%21";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Credentials_in_the_tracking_uri_are_sent_as_percent_decoded_basic_auth()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        var options = MlflowConnectionOptions.FromEnvironment(name => name == "MLFLOW_TRACKING_URI" ? WithCredentials(server, "al%20ice") : null)!;
        using var client = MlflowClient.Create(options);

        await client.Api.SearchExperimentsAsync(1, cancellationToken: Ct);

        Assert.Contains(Basic("al ice", Password), server.AuthorizationHeaders);
        Assert.Equal("", options.TrackingUri.UserInfo);
        Assert.DoesNotContain("s3cr3t", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_built_in_code_with_credentials_in_the_uri_send_them_too()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = MlflowClient.Create(new MlflowConnectionOptions { TrackingUri = new Uri(WithCredentials(server, "bob")) });

        var ex = await Assert.ThrowsAsync<MlflowException>(() => client.Api.GetRunAsync("0000", Ct));

        Assert.Contains(Basic("bob", Password), server.AuthorizationHeaders);
        Assert.DoesNotContain("s3cr3t", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", client.Options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracking_variables_win_over_credentials_in_the_uri()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        var variables = new Dictionary<string, string>
        {
            ["MLFLOW_TRACKING_URI"] = WithCredentials(server, "alice"),
            ["MLFLOW_TRACKING_USERNAME"] = "carol",
            ["MLFLOW_TRACKING_PASSWORD"] = "other",
        };
        using var client = MlflowClient.Create(MlflowConnectionOptions.FromEnvironment(variables.GetValueOrDefault)!);

        await client.Api.SearchExperimentsAsync(1, cancellationToken: Ct);

        Assert.Equal([Basic("carol", "other")], server.AuthorizationHeaders);
    }

    [Fact]
    public async Task The_uri_password_appears_in_no_output_or_error_of_the_cli()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var root = new TempDir();
        var texts = new List<string>();

        // A tracked run, a push, a listing from a server that is down, and a scheme that is not supported.
        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack"], new() { ["MLFLOW_TRACKING_URI"] = WithCredentials(server, "alice") });
        Assert.True(code == 0, output + error);
        texts.Add(output + error);
        Assert.Contains(Basic("alice", Password), server.AuthorizationHeaders);
        Assert.NotEmpty(server.Store.Runs);

        (code, output, error) = await TrackedCli.RunAsync(root.Path, ["PushRuns"], new() { ["MLFLOW_TRACKING_URI"] = WithCredentials(server, "alice") });
        Assert.True(code == 0, output + error);
        Assert.Contains("basic auth as alice", output, StringComparison.Ordinal);
        texts.Add(output + error);

        (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Pack"], new() { ["MLFLOW_TRACKING_URI"] = $"http://alice:{EncodedPassword}@127.0.0.1:9", ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0" });
        Assert.Contains("experiment tracking is off", error, StringComparison.Ordinal);
        texts.Add(output + error);

        (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Runs"], new() { ["MLFLOW_TRACKING_URI"] = $"databricks://alice:{EncodedPassword}@workspace" });
        Assert.NotEqual(0, code);
        Assert.Contains("databricks://***@workspace", output + error, StringComparison.Ordinal);
        texts.Add(output + error);

        Assert.All(texts, text => Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://u:p%40ss@host:5000/x", "https://***@host:5000/x")]
    [InlineData("https://host:5000/x", "https://host:5000/x")]
    [InlineData("http://u:p ss@host", "http://***@host")]
    [InlineData("databricks://profile", "databricks://profile")]
    public void Masking_replaces_any_user_info_even_in_a_malformed_uri(string uri, string masked) =>
        Assert.Equal(masked, UriCredentials.Mask(uri));

    private static string WithCredentials(FakeMlflowServer server, string user) =>
        $"http://{user}:{EncodedPassword}@127.0.0.1:{server.BaseUri.Port}";

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"));
}
