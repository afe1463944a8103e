using LlmOps.Containers.Errors;

namespace LlmOps.Containers.Specs;

/// <summary>The network a stage container joins. Training gets <see cref="None"/> unless the stage asks.</summary>
public sealed record ContainerNetwork
{
    private ContainerNetwork(string mode) => Mode = mode;

    /// <summary>The Docker network mode sent to the engine ("none", "bridge", "host" or a network name).</summary>
    public string Mode { get; }

    /// <summary>No network at all (the default).</summary>
    public static ContainerNetwork None { get; } = new("none");

    /// <summary>The engine's default bridge network.</summary>
    public static ContainerNetwork Bridge { get; } = new("bridge");

    /// <summary>The host's network stack.</summary>
    public static ContainerNetwork Host { get; } = new("host");

    /// <summary>A user-defined network that already exists on the engine.</summary>
    public static ContainerNetwork Named(string name) => string.IsNullOrWhiteSpace(name)
        ? throw new ContainerStageException("Invalid network: the network name is empty.")
        : new ContainerNetwork(name.Trim());

    /// <inheritdoc />
    public override string ToString() => Mode;
}
