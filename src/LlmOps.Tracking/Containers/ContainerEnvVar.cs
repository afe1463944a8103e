namespace LlmOps.Tracking.Containers;

/// <summary>One environment variable for a container stage; <see cref="IsSecret"/> ones must not be echoed or logged.</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Value">Value.</param>
/// <param name="IsSecret">True for credentials.</param>
public sealed record ContainerEnvVar(string Name, string Value, bool IsSecret)
{
    /// <inheritdoc />
    public override string ToString() => IsSecret ? $"{Name}=***" : $"{Name}={Value}";
}
