namespace LlmOps.Emission;

/// <summary>The agent pool of an Azure Pipelines job, and whether its agents have GPUs.</summary>
/// <param name="Name">The name of a self-hosted pool, or null for a Microsoft-hosted image.</param>
/// <param name="VmImage">The Microsoft-hosted image (e.g. <c>ubuntu-latest</c>), or null.</param>
/// <param name="Demands">Demands agents must meet, e.g. <c>gpu -equals true</c>.</param>
/// <param name="HasGpus">Whether the pool's agents have GPUs. GPU stages may only be routed to such pools.</param>
public sealed record AzurePool(string? Name, string? VmImage, IReadOnlyList<string> Demands, bool HasGpus)
{
    /// <summary>The default pool: Microsoft-hosted <c>ubuntu-latest</c>, no GPUs.</summary>
    public static AzurePool UbuntuLatest { get; } = Hosted("ubuntu-latest");

    /// <summary>The default GPU pool: the self-hosted pool <c>gpu</c> with the demand <c>gpu -equals true</c>.</summary>
    public static AzurePool DefaultGpu { get; } = SelfHostedGpu("gpu", "gpu -equals true");

    /// <summary>A Microsoft-hosted image; it has no GPUs.</summary>
    public static AzurePool Hosted(string vmImage) => new(null, vmImage, [], false);

    /// <summary>A self-hosted pool without GPUs.</summary>
    public static AzurePool SelfHosted(string name, params string[] demands) => new(name, null, demands, false);

    /// <summary>A self-hosted pool whose agents (matching <paramref name="demands"/>) have GPUs.</summary>
    public static AzurePool SelfHostedGpu(string name, params string[] demands) => new(name, null, demands, true);

    /// <inheritdoc />
    public bool Equals(AzurePool? other) =>
        other is not null && Name == other.Name && VmImage == other.VmImage && HasGpus == other.HasGpus && Demands.SequenceEqual(other.Demands);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, VmImage, HasGpus);
}
