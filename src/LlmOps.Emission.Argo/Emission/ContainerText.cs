using LlmOps.Containers.Specs;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>
/// The parts of a container spec that are text in a pod (image, working directory, GPU count, command, environment),
/// as keyed positions, so a parameter's value can be found in them and replaced by an Argo expression.
/// </summary>
internal static class ContainerText
{
    public const string ImageKey = "image";
    public const string WorkingDirectoryKey = "workingDir";
    public const string GpusKey = "gpus";
    public const string CommandPrefix = "command:";
    public const string EnvPrefix = "env:";

    /// <summary>The text positions of <paramref name="spec"/>, in a fixed order.</summary>
    public static Dictionary<string, string> Of(ContainerSpec spec)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ImageKey] = spec.Image is ImageReference reference ? reference.Reference : spec.Image.Describe(),
        };
        if (spec.WorkingDirectory is { } directory)
        {
            text[WorkingDirectoryKey] = directory;
        }

        if (spec.Gpus is { DeviceIds: null, Count: > 0 } gpus)
        {
            text[GpusKey] = Quantities.Count(gpus.Count);
        }

        for (var i = 0; i < spec.Command.Count; i++)
        {
            text[CommandPrefix + Quantities.Count(i)] = spec.Command[i];
        }

        foreach (var (name, value) in spec.Environment)
        {
            text[EnvPrefix + name] = value;
        }

        return text;
    }

    /// <summary>Everything else of the spec that shapes the pod; a parameter that changes it cannot be an argument.</summary>
    public static string Rest(ContainerSpec spec) => string.Join("|",
        spec.Image.GetType().Name, spec.Cpus, spec.MemoryBytes, spec.ShmSizeBytes, string.Join(",", spec.Ulimits), spec.User, spec.ReadOnlyRootFilesystem,
        spec.Network.Mode, spec.Init, spec.AllowCpuFallback, spec.Nodes, spec.Retry, spec.Timeout, spec.StopGracePeriod, spec.PullPolicy,
        spec.Gpus is { } g && (g.DeviceIds is not null || g.Count < 0) ? g.ToString() : spec.Gpus is null ? "cpu" : "count",
        string.Join(",", spec.SecretNames), string.Join(",", spec.Environment.Keys), spec.Command.Count, spec.WorkingDirectory is null);
}
