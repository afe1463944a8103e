using System.Net;
using LlmOps.Containers.Engine;
using LlmOps.Containers.Errors;
using LlmOps.Containers.Tests.Infrastructure;

namespace LlmOps.Containers.Tests.Engine;

public sealed class DockerEngineConnectionTests
{
    [Fact]
    public async Task Unreachable_engine_names_the_endpoint_and_the_fix()
    {
        var endpoint = new Uri("unix:///tmp/llmops-no-such-docker.sock");

        var ex = await Assert.ThrowsAsync<DockerEngineUnavailableException>(
            () => DockerEngine.ConnectAsync(endpoint, TestContext.Current.CancellationToken));

        Assert.Equal(endpoint, ex.Endpoint);
        Assert.Contains("unix:///tmp/llmops-no-such-docker.sock", ex.Message);
        Assert.Contains("Start Docker", ex.Message);
        Assert.Contains("DOCKER_HOST", ex.Message);
    }

    [Fact]
    public void Docker_host_is_honoured_and_defaults_to_the_unix_socket()
    {
        Assert.Equal(new Uri("unix:///var/run/docker.sock"), DockerEndpoint.Resolve((string?)null));
        Assert.Equal(new Uri("tcp://10.0.0.5:2375"), DockerEndpoint.Resolve("tcp://10.0.0.5:2375"));
        Assert.Throws<ContainerStageException>(() => DockerEndpoint.Resolve("not a uri"));
    }

    [Theory]
    [InlineData("1.44", "1.44")] // Engine 25
    [InlineData("1.45", "1.45")] // Engine 26
    [InlineData("1.47", "1.47")] // Engine 27
    [InlineData("1.51", "1.51")] // Engine 28
    [InlineData("1.52", "1.52")] // Engine 29
    [InlineData("1.60", "1.52")] // a future engine: stay at what this client knows
    public async Task Negotiates_the_lower_of_client_and_daemon_versions(string daemonApi, string expected)
    {
        var transport = VersionAnswering(daemonApi);

        using var engine = await DockerEngine.ConnectAsync(new Uri("http://fake-engine.invalid"), transport.Build, TestContext.Current.CancellationToken);

        Assert.Equal(Version.Parse(expected), engine.ApiVersion);
        Assert.Equal("/version", transport.Requests[0].Path);
        await engine.Client.System.PingAsync(TestContext.Current.CancellationToken);
        Assert.Equal($"/v{expected}/_ping", transport.Requests[^1].Path);
    }

    [Fact]
    public async Task Engine_older_than_25_is_refused_with_a_clear_message()
    {
        var ex = await Assert.ThrowsAsync<DockerEngineUnavailableException>(() =>
            DockerEngine.ConnectAsync(new Uri("http://fake-engine.invalid"), VersionAnswering("1.41").Build, TestContext.Current.CancellationToken));

        Assert.Contains("API 1.41", ex.Message);
        Assert.Contains("Engine 25 or newer", ex.Message);
    }

    private static CapturingTransport VersionAnswering(string api) => new(path => path.EndsWith("/version", StringComparison.Ordinal)
        ? (HttpStatusCode.OK, $$"""{"ApiVersion":"{{api}}","Version":"x","Os":"linux","Arch":"amd64"}""")
        : (HttpStatusCode.OK, "OK"));
}
