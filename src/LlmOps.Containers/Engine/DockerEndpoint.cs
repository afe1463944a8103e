namespace LlmOps.Containers.Engine;

/// <summary>Finds the engine endpoint the way the docker CLI does for the common cases.</summary>
public static class DockerEndpoint
{
    /// <summary>The engine's default socket on Linux and macOS.</summary>
    public static Uri DefaultUnixSocket { get; } = new("unix:///var/run/docker.sock");

    /// <summary>DOCKER_HOST when set, else the default unix socket.</summary>
    public static Uri Resolve() => Resolve(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    /// <summary>Resolves from an explicit DOCKER_HOST value (null or empty means the default socket).</summary>
    public static Uri Resolve(string? dockerHost)
    {
        if (string.IsNullOrWhiteSpace(dockerHost))
        {
            return DefaultUnixSocket;
        }

        if (!Uri.TryCreate(dockerHost.Trim(), UriKind.Absolute, out var uri))
        {
            throw new Errors.ContainerStageException(
                $"DOCKER_HOST '{dockerHost}' is not a valid endpoint: expected e.g. unix:///var/run/docker.sock or tcp://host:2375.");
        }

        return uri;
    }

    /// <summary>Says where <paramref name="endpoint"/> came from, for error messages.</summary>
    internal static string Origin(Uri endpoint)
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrWhiteSpace(dockerHost))
        {
            return endpoint == DefaultUnixSocket ? "the default socket; DOCKER_HOST is not set" : "given explicitly; DOCKER_HOST is not set";
        }

        return Uri.TryCreate(dockerHost.Trim(), UriKind.Absolute, out var fromEnv) && fromEnv == endpoint
            ? "from DOCKER_HOST"
            : "given explicitly";
    }
}
