namespace LlmOps.Containers.Engine;

/// <summary>What the engine reports about GPU access, read from <c>docker info</c>.</summary>
/// <param name="Runtimes">Names of the OCI runtimes the engine knows.</param>
/// <param name="CdiGpuDevices">CDI devices the engine discovered for NVIDIA GPUs (Engine 28+).</param>
public sealed record GpuSupport(IReadOnlyList<string> Runtimes, IReadOnlyList<string> CdiGpuDevices)
{
    /// <summary>Whether an NVIDIA runtime is registered.</summary>
    public bool HasNvidiaRuntime => Runtimes.Any(r => r.Contains("nvidia", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a GPU request can be honoured.</summary>
    public bool Available => HasNvidiaRuntime || CdiGpuDevices.Count > 0;

    /// <summary>One-line summary for messages.</summary>
    public string Describe() =>
        $"runtimes: {(Runtimes.Count == 0 ? "none" : string.Join(", ", Runtimes))}; CDI GPU devices: {(CdiGpuDevices.Count == 0 ? "none" : string.Join(", ", CdiGpuDevices))}";
}
