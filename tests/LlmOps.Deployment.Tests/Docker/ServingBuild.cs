using System.Net;
using System.Net.Sockets;

namespace LlmOps.Deployment.Tests;

/// <summary>
/// The serving program published self-contained for linux-x64 once per test run (through the deployer's own
/// publisher, into the repository's state folder where a rerun finds it up to date), and the base image to build on.
/// </summary>
public sealed class ServingBuild : IAsyncLifetime
{
    /// <summary>The base image that exists on the test engine (no registry is reachable).</summary>
    public const string BaseImage = "llmops-ci/debian:bookworm";

    public string PublishDirectory { get; private set; } = "";

    public string? Unavailable { get; private set; }

    public static string RepositoryRoot
    {
        get
        {
            var directory = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(directory, "LlmOps.sln")))
            {
                directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("LlmOps.sln not found above " + AppContext.BaseDirectory);
            }

            return directory;
        }
    }

    public async ValueTask InitializeAsync()
    {
        var docker = await new ProcessRunner().RunAsync("docker", ["image", "inspect", BaseImage], new ProcessOptions { SuccessExitCodes = [0, 1] });
        if (docker.ExitCode != 0)
        {
            Unavailable = $"the Docker engine or the base image {BaseImage} is not available";
            return;
        }

        PublishDirectory = await ServingPublisher.PublishAsync(new DockerTargetOptions(), RepositoryRoot, _ => { }, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public DockerTarget Target(int port, Action<DockerTargetOptions>? configure = null) => DeployTarget.Docker(o =>
    {
        o.Port = port;
        o.BaseImage = BaseImage;
        o.ServingPublishDirectory = PublishDirectory;
        o.HealthTimeout = TimeSpan.FromSeconds(30);
        o.DrainTime = TimeSpan.FromSeconds(1);
        configure?.Invoke(o);
    });

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
