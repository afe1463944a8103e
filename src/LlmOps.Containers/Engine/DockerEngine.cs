using System.Net.Sockets;
using Docker.DotNet;
using LlmOps.Containers.Errors;

namespace LlmOps.Containers.Engine;

/// <summary>
/// A connection to a Docker engine, with the API version negotiated as the docker CLI does:
/// the lower of this client's maximum and the daemon's own version.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    /// <summary>The newest API this client speaks (Engine 29).</summary>
    public static readonly Version ClientMaxApiVersion = new(1, 52);

    /// <summary>The oldest API accepted (Engine 25); Docker.DotNet.Enhanced 4 and Engine 29 need it.</summary>
    public static readonly Version MinimumApiVersion = new(1, 44);

    private DockerEngine(DockerClient client, Uri endpoint, Version apiVersion, string engineVersion)
    {
        Client = client;
        Endpoint = endpoint;
        ApiVersion = apiVersion;
        EngineVersion = engineVersion;
    }

    /// <summary>The endpoint connected to.</summary>
    public Uri Endpoint { get; }

    /// <summary>The negotiated API version used for every request.</summary>
    public Version ApiVersion { get; }

    /// <summary>The engine's version string, e.g. "26.1.5".</summary>
    public string EngineVersion { get; }

    internal IDockerClient Client { get; }

    /// <summary>Connects to DOCKER_HOST, or to the default unix socket when it is not set.</summary>
    /// <exception cref="DockerEngineUnavailableException">The engine cannot be reached or is older than Engine 25.</exception>
    public static Task<DockerEngine> ConnectAsync(CancellationToken cancellationToken = default) =>
        ConnectAsync(DockerEndpoint.Resolve(), cancellationToken);

    /// <summary>Connects to <paramref name="endpoint"/> (unix://, tcp://, http://).</summary>
    /// <exception cref="DockerEngineUnavailableException">The engine cannot be reached or is older than Engine 25.</exception>
    public static Task<DockerEngine> ConnectAsync(Uri endpoint, CancellationToken cancellationToken = default) =>
        ConnectAsync(endpoint, version => new DockerClientBuilder().WithEndpoint(endpoint).WithApiVersion(version).Build(), cancellationToken);

    internal static async Task<DockerEngine> ConnectAsync(Uri endpoint, Func<Version?, DockerClient> createClient, CancellationToken cancellationToken)
    {
        Models.VersionResponseSnapshot daemon;
        using (var probe = CreateClient(endpoint, createClient, null))
        {
            daemon = await ProbeAsync(endpoint, probe, cancellationToken).ConfigureAwait(false);
        }

        if (!Version.TryParse(daemon.ApiVersion, out var daemonApi))
        {
            throw new DockerEngineUnavailableException(endpoint, $"The Docker engine at {endpoint} reported an unreadable API version '{daemon.ApiVersion}'.");
        }

        if (daemonApi < MinimumApiVersion)
        {
            throw new DockerEngineUnavailableException(
                endpoint,
                $"The Docker engine at {endpoint} is version {daemon.EngineVersion} (API {daemonApi}); LlmOps needs Engine 25 or newer (API {MinimumApiVersion}+). Upgrade Docker, or point DOCKER_HOST at a newer engine.");
        }

        var negotiated = daemonApi < ClientMaxApiVersion ? daemonApi : ClientMaxApiVersion;
        return new DockerEngine(CreateClient(endpoint, createClient, negotiated), endpoint, negotiated, daemon.EngineVersion);
    }

    /// <summary>Reads the engine's runtimes and CDI devices to tell whether GPUs can be given to a container.</summary>
    public async Task<GpuSupport> GetGpuSupportAsync(CancellationToken cancellationToken = default)
    {
        var info = await Client.System.GetSystemInfoAsync(cancellationToken).ConfigureAwait(false);
        var runtimes = info.Runtimes?.Keys.Order(StringComparer.Ordinal).ToArray() ?? [];
        var cdi = info.DiscoveredDevices?
            .Where(d => string.Equals(d.Source, "cdi", StringComparison.OrdinalIgnoreCase)
                && d.ID?.StartsWith("nvidia.com/gpu", StringComparison.OrdinalIgnoreCase) == true)
            .Select(d => d.ID)
            .ToArray() ?? [];
        return new GpuSupport(runtimes, cdi);
    }

    /// <inheritdoc />
    public void Dispose() => (Client as IDisposable)?.Dispose();

    private static DockerClient CreateClient(Uri endpoint, Func<Version?, DockerClient> createClient, Version? version)
    {
        try
        {
            return createClient(version);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new DockerEngineUnavailableException(
                endpoint,
                $"Cannot connect to the Docker engine at {endpoint}: {ex.Message} Use a unix://, tcp:// or http(s):// endpoint in DOCKER_HOST.",
                ex);
        }
    }

    private static async Task<Models.VersionResponseSnapshot> ProbeAsync(Uri endpoint, IDockerClient client, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var version = await client.System.GetVersionAsync(timeout.Token).ConfigureAwait(false);
            return new Models.VersionResponseSnapshot(version.APIVersion, version.Version);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && ex is HttpRequestException or SocketException or IOException or TimeoutException or OperationCanceledException or DockerApiException)
        {
            var why = ex is OperationCanceledException ? "no answer within 10 s" : ex.Message;
            throw new DockerEngineUnavailableException(
                endpoint,
                $"Cannot reach the Docker engine at {endpoint} ({DockerEndpoint.Origin(endpoint)}): {why}. "
                + "Start Docker (e.g. 'sudo systemctl start docker', or open Docker Desktop), "
                + "or set DOCKER_HOST to a running engine (e.g. unix:///run/user/1000/docker.sock or tcp://host:2375).",
                ex);
        }
    }
}
