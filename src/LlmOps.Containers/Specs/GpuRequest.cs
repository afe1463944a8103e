using LlmOps.Containers.Errors;

namespace LlmOps.Containers.Specs;

/// <summary>
/// A GPU request, mirroring the three forms of <c>docker run --gpus</c>: <c>all</c>, a count, or explicit device IDs.
/// </summary>
public sealed record GpuRequest
{
    private GpuRequest(int count, IReadOnlyList<string>? deviceIds)
    {
        Count = count;
        DeviceIds = deviceIds;
    }

    /// <summary>Number of GPUs: -1 means all, 0 when <see cref="DeviceIds"/> selects them.</summary>
    public int Count { get; }

    /// <summary>Explicit device IDs (indexes or UUIDs), or null when a count is requested.</summary>
    public IReadOnlyList<string>? DeviceIds { get; }

    /// <summary>Equivalent of <c>--gpus all</c>.</summary>
    public static GpuRequest All() => new(-1, null);

    /// <summary>Equivalent of <c>--gpus N</c>.</summary>
    public static GpuRequest OfCount(int count)
    {
        if (count <= 0)
        {
            throw new ContainerStageException($"Invalid GPU count {count}: request at least one GPU, or use .AllGpus().");
        }

        return new GpuRequest(count, null);
    }

    /// <summary>Equivalent of <c>--gpus '"device=0,3"'</c>.</summary>
    public static GpuRequest OfDevices(IEnumerable<string> deviceIds)
    {
        var ids = deviceIds.Select(id => id?.Trim() ?? string.Empty).ToArray();
        if (ids.Length == 0 || ids.Any(id => id.Length == 0 || id.Contains(',', StringComparison.Ordinal)))
        {
            throw new ContainerStageException(
                "Invalid GPU device list: give one or more non-empty device IDs (e.g. .GpuDevices(\"0\", \"3\")).");
        }

        return new GpuRequest(0, ids);
    }

    /// <summary>Canonical text for cache keys, in the CLI's own syntax.</summary>
    public override string ToString() => DeviceIds is not null
        ? "device=" + string.Join(',', DeviceIds)
        : Count < 0 ? "all" : Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool Equals(GpuRequest? other) => other is not null && ToString() == other.ToString();

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
