namespace LlmOps.Dsl;

/// <summary>
/// The stage needs GPUs. Container stages set it from their GPU request; emitters route such stages to GPU runners
/// and refuse to emit them onto runners without GPUs.
/// </summary>
/// <param name="Count">How many GPUs; -1 for all.</param>
/// <param name="DeviceIds">Specific device ids, or empty.</param>
public sealed record GpuRequirement(int Count, IReadOnlyList<string> DeviceIds) : IPlanAnnotation, ICiJobContributor
{
    /// <inheritdoc />
    public string PlanAnnotation => ToString();

    /// <inheritdoc />
    public void Contribute(CiJobRequirements job) => job.RequireGpus(this);

    /// <summary>A human-readable form: <c>all GPUs</c>, <c>2 GPUs</c>, <c>GPUs 0,3</c>.</summary>
    public override string ToString() =>
        DeviceIds.Count > 0 ? $"GPUs {string.Join(",", DeviceIds)}" : Count < 0 ? "all GPUs" : $"{Count} GPU{(Count == 1 ? "" : "s")}";
}
