namespace LlmOps.Containers.Specs;

/// <summary>A resource limit as in <c>docker run --ulimit name=soft:hard</c> (e.g. memlock=-1:-1 for NCCL).</summary>
/// <param name="Name">The limit name, e.g. "nofile" or "memlock".</param>
/// <param name="Soft">The soft limit; -1 for unlimited.</param>
/// <param name="Hard">The hard limit; -1 for unlimited.</param>
public sealed record UlimitSpec(string Name, long Soft, long Hard)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}={Soft}:{Hard}";
}
