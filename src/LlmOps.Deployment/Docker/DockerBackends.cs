using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using LlmOps.Containers.Running;

namespace LlmOps.Deployment;

/// <summary>
/// The containers of one Docker deployment: a router on the stable address and one backend per version, on a
/// network of their own where the router reaches a backend by its container name.
/// </summary>
internal sealed class DockerBackends(IDockerClient client, DockerTargetOptions options, string deployment, Action<string> log)
{
    public const string RouterMount = "/etc/llmops-router";

    public string Network => $"llmops-deploy-{deployment}";

    public string RouterName => $"llmops-deploy-{deployment}-router";

    public async Task EnsureNetworkAsync(CancellationToken cancellationToken)
    {
        var existing = await client.Networks.ListNetworksAsync(
            new NetworksListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [Network] = true } } },
            cancellationToken).ConfigureAwait(false);
        if (existing.Any(n => n.Name == Network))
        {
            return;
        }

        await client.Networks.CreateNetworkAsync(
            new NetworksCreateParameters { Name = Network, Driver = "bridge", Labels = new Dictionary<string, string> { [DeploymentLabels.Deployment] = deployment } },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the router unless it runs; it survives engine restarts (restart policy) and needs no change per version.</summary>
    public async Task EnsureRouterAsync(string runtimeImage, string routerDirectory, CancellationToken cancellationToken)
    {
        var router = (await ListAsync("router", cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (router is { State: "running" })
        {
            return;
        }

        if (router is not null)
        {
            await client.Containers.StartContainerAsync(router.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            return;
        }

        log($"starting the router {RouterName} on {options.BindAddress}:{options.Port}");
        var port = $"{ServingImages.ContainerPort}/tcp";
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = RouterName,
            Image = runtimeImage,
            Cmd = ["route", "--active-file", $"{RouterMount}/active", "--urls", $"http://0.0.0.0:{ServingImages.ContainerPort}"],
            Labels = Labels("router", null),
            ExposedPorts = new Dictionary<string, EmptyStruct> { [port] = default },
            // The router's own health, not a model's: an image HEALTHCHECK on /health would follow the active backend.
            Healthcheck = new HealthcheckConfig { Test = ["NONE"] },
            HostConfig = new HostConfig
            {
                Binds = [$"{routerDirectory}:{RouterMount}:ro"],
                PortBindings = new Dictionary<string, IList<PortBinding>> { [port] = [new PortBinding { HostIP = options.BindAddress, HostPort = options.Port.ToString(CultureInfo.InvariantCulture) }] },
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
                NetworkMode = Network,
                Memory = 256L * 1024 * 1024,
                NanoCPUs = 1_000_000_000,
            },
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            await RemoveAsync(created.ID, CancellationToken.None).ConfigureAwait(false);
            throw new DeploymentException($"the router could not start on {options.BindAddress}:{options.Port}: {LlmOps.Containers.Images.ImageProvisioner.ApiMessage(e)} (is the port taken? set the Docker target's Port)");
        }
    }

    /// <summary>Starts a backend for <paramref name="version"/> and returns its container name and the host port its 8080 is published on.</summary>
    public async Task<(string Id, string Name, int HostPort)> StartBackendAsync(string image, string version, CancellationToken cancellationToken)
    {
        var name = $"llmops-deploy-{deployment}-{Sanitize(version)}-{Guid.NewGuid().ToString("N")[..6]}";
        var port = $"{ServingImages.ContainerPort}/tcp";
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = image,
            Labels = Labels("backend", version),
            ExposedPorts = new Dictionary<string, EmptyStruct> { [port] = default },
            HostConfig = new HostConfig
            {
                // An ephemeral loopback port, so the deployer checks this version before the router sends it anything.
                PortBindings = new Dictionary<string, IList<PortBinding>> { [port] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "" }] },
                Memory = options.MemoryBytes,
                NanoCPUs = (long)(options.Cpus * 1e9),
                NetworkMode = Network,
                ReadonlyRootfs = true,
                Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,size=64m" },
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
            },
        }, cancellationToken).ConfigureAwait(false);
        await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        var inspect = await client.Containers.InspectContainerAsync(created.ID, cancellationToken).ConfigureAwait(false);
        var binding = inspect.NetworkSettings?.Ports is { } ports && ports.TryGetValue(port, out var bindings) ? bindings?.FirstOrDefault() : null;
        if (binding is null || !int.TryParse(binding.HostPort, CultureInfo.InvariantCulture, out var hostPort))
        {
            // A container that exits at once has no published port: report why it exited instead.
            var why = await ExitedAsync(created.ID, cancellationToken).ConfigureAwait(false) ?? "the engine published no port for it";
            throw new BackendStartException(created.ID, why);
        }

        return (created.ID, name, hostPort);
    }

    /// <summary>Null while the container runs; else why it stopped, with the last lines it printed.</summary>
    public async Task<string?> ExitedAsync(string id, CancellationToken cancellationToken)
    {
        ContainerInspectResponse inspect;
        try
        {
            inspect = await client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return "its container was removed";
        }

        if (inspect.State is null || inspect.State.Running)
        {
            return null;
        }

        var lines = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await LogPump.RunAsync(client, id, lines.Add, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Logs are a courtesy for the message; the exit code alone is reason enough.
        }

        var oom = inspect.State.OOMKilled ? " (killed: out of memory, raise the Docker target's Memory)" : "";
        var tail = lines.Count == 0 ? "" : ": " + string.Join(" | ", lines.TakeLast(3));
        return $"it exited with code {inspect.State.ExitCode}{oom} before it was healthy{tail}";
    }

    /// <summary>A promoted backend restarts with the engine; a candidate that crashes stays down so the crash is seen.</summary>
    public Task PromoteAsync(string id, CancellationToken cancellationToken) =>
        client.Containers.UpdateContainerAsync(id, new ContainerUpdateParameters { RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped } }, cancellationToken);

    /// <summary>Stops with a grace period (the server drains in-flight requests on SIGTERM), then removes.</summary>
    public async Task StopAndRemoveAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = 15 }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return;
        }

        await RemoveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone: the outcome wanted.
        }
    }

    public async Task<IList<ContainerListResponse>> ListAsync(string role, CancellationToken cancellationToken) =>
        await client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = DeploymentLabels.Filter(deployment, role) },
            cancellationToken).ConfigureAwait(false);

    public async Task RemoveImageAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            await client.Images.DeleteImageAsync(reference, new ImageDeleteParameters(), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            // Already gone.
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            log($"kept image {reference}: a container still uses it");
        }
    }

    internal static string Sanitize(string version) =>
        new([.. version.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]);

    private Dictionary<string, string> Labels(string role, string? version)
    {
        var labels = new Dictionary<string, string> { [DeploymentLabels.Deployment] = deployment, [DeploymentLabels.Role] = role };
        if (version is not null)
        {
            labels[DeploymentLabels.Version] = version;
        }

        return labels;
    }
}

/// <summary>A backend that exited before its port could be read.</summary>
internal sealed class BackendStartException(string id, string message) : Exception(message)
{
    public string ContainerId { get; } = id;
}
