namespace LlmOps.Deployment;

/// <summary>Settings of the Docker target; every one has a default that serves the support model on 127.0.0.1:8080.</summary>
public sealed class DockerTargetOptions
{
    /// <summary>The host port of the stable address (the router).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>The host address the router is published on; loopback unless the model should be reachable from elsewhere.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The serving image's base (glibc, no .NET needed: the server is self-contained).</summary>
    public string BaseImage { get; set; } = "debian:bookworm-slim";

    /// <summary>The memory limit of each serving container (docker's syntax: 512m, 2g).</summary>
    public string Memory { get; set; } = "512m";

    /// <summary>The CPU limit of each serving container.</summary>
    public double Cpus { get; set; } = 1.0;

    /// <summary>How long a new version may take to answer <c>/health</c>.</summary>
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the old version keeps running after the switch, for requests the router had already sent it.</summary>
    public TimeSpan DrainTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The serving project, relative to the repository root; published self-contained for linux-x64 into the image.</summary>
    public string ServingProject { get; set; } = "src/LlmOps.Serving/LlmOps.Serving.csproj";

    /// <summary>An already published server (a folder holding <c>llmops-serving</c>), used instead of publishing <see cref="ServingProject"/>.</summary>
    public string? ServingPublishDirectory { get; set; }

    /// <summary>The engine to deploy to (<c>unix:///path/docker.sock</c>, <c>tcp://host:2376</c>), or null for DOCKER_HOST or the local socket.</summary>
    public Uri? Host { get; set; }

    /// <summary>A ready image to run instead of one built from the package (the package's OCI image), or null.</summary>
    public string? Image { get; set; }

    internal long MemoryBytes => LlmOps.Containers.Specs.ByteSize.Parse(Memory, "Memory");

    internal void Validate()
    {
        if (Port is < 1 or > 65535)
        {
            throw new ArgumentException($"Docker target: Port {Port} is not a TCP port (1-65535)");
        }

        if (Cpus <= 0)
        {
            throw new ArgumentException($"Docker target: Cpus {Cpus} must be positive");
        }

        if (HealthTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Docker target: HealthTimeout {HealthTimeout} must be positive");
        }

        _ = MemoryBytes;
    }

    internal string Describe() =>
        $"docker {BindAddress}:{Port}, base {BaseImage}, {Memory} memory, {Cpus:0.##} cpu" + (Image is null ? "" : $", image {Image}");
}
