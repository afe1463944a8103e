using System.Globalization;
using Docker.DotNet.Models;
using LlmOps.Containers.Specs;
using ContainerSpec = LlmOps.Containers.Specs.ContainerSpec;

namespace LlmOps.Containers.Running;

/// <summary>Translates a spec and a request into the body of POST /containers/create.</summary>
internal static class CreateParametersFactory
{
    public static CreateContainerParameters Create(
        ContainerSpec spec,
        ContainerRunRequest request,
        string image,
        string name,
        bool withGpus,
        IDictionary<string, string> labels)
    {
        var env = new List<string>();
        env.AddRange(spec.Environment.Select(kv => $"{kv.Key}={kv.Value}"));
        env.AddRange(spec.SecretEnvironment.Select(kv => $"{kv.Key}={kv.Value}"));
        env.AddRange(request.ServiceEnvironment
            .Where(kv => !spec.Environment.ContainsKey(kv.Key) && !spec.SecretEnvironment.ContainsKey(kv.Key))
            .Select(kv => $"{kv.Key}={kv.Value}"));
        env.Add($"LLMOPS_INPUTS_DIR={ContainerPaths.InputsRoot}");
        env.Add($"LLMOPS_RUN_ID={request.RunId}");
        env.Add($"LLMOPS_STAGE={request.StageName}");
        if (request.OutputsDirectory is not null)
        {
            env.Add($"LLMOPS_OUTPUTS_DIR={ContainerPaths.Outputs}");
            env.Add($"LLMOPS_METRICS_FILE={ContainerPaths.MetricsFile}");
        }

        var mounts = request.Inputs
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new Mount { Type = "bind", Source = Path.GetFullPath(kv.Value), Target = ContainerPaths.Input(kv.Key), ReadOnly = true })
            .ToList();
        if (request.OutputsDirectory is not null)
        {
            mounts.Add(new Mount { Type = "bind", Source = Path.GetFullPath(request.OutputsDirectory), Target = ContainerPaths.Outputs, ReadOnly = false });
        }

        var host = new HostConfig
        {
            Mounts = mounts,
            NetworkMode = spec.Network.Mode,
            Init = spec.Init,
            ReadonlyRootfs = spec.ReadOnlyRootFilesystem,
            Ulimits = [.. spec.Ulimits.Select(u => new Ulimit { Name = u.Name, Soft = u.Soft, Hard = u.Hard })],
        };
        if (spec.ReadOnlyRootFilesystem)
        {
            // Most tools need a scratch directory; a tmpfs keeps the image itself immutable.
            host.Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,nosuid,nodev" };
        }

        // Services on the host (a local MLflow) are published as host.docker.internal; on Linux engines that name
        // exists only when mapped to the host gateway, as Docker Desktop does by itself.
        if (spec.Network.Mode != "none" && request.ServiceEnvironment.Any(kv => kv.Value.Contains("host.docker.internal", StringComparison.Ordinal)))
        {
            host.ExtraHosts = ["host.docker.internal:host-gateway"];
        }

        if (spec.MemoryBytes is { } memory)
        {
            host.Memory = memory;
        }

        if (spec.ShmSizeBytes is { } shm)
        {
            host.ShmSize = shm;
        }

        if (spec.Cpus is { } cpus)
        {
            host.NanoCPUs = (long)Math.Round(cpus * 1e9);
        }

        if (withGpus && spec.Gpus is { } gpus)
        {
            host.DeviceRequests = [ToDeviceRequest(gpus)];
        }

        return new CreateContainerParameters
        {
            Name = name,
            Image = image,
            // Null fields are omitted from the JSON, which the engine reads as "use the image's value".
            Cmd = spec.Command.Count == 0 ? null! : [.. spec.Command],
            WorkingDir = spec.WorkingDirectory!,
            User = spec.User!,
            Env = env,
            Labels = labels,
            AttachStdout = true,
            AttachStderr = true,
            StopTimeout = spec.StopGracePeriod,
            HostConfig = host,
        };
    }

    /// <summary>The device request exactly as docker/cli opts/gpus.go builds it for <c>--gpus</c>.</summary>
    public static DeviceRequest ToDeviceRequest(GpuRequest gpus) => new()
    {
        Driver = string.Empty,
        Count = gpus.DeviceIds is null ? gpus.Count : 0,
        DeviceIDs = gpus.DeviceIds is null ? null! : [.. gpus.DeviceIds],
        Capabilities = [["gpu"]],
        Options = new Dictionary<string, string>(),
    };

    public static string ContainerName(string stage, string runId, int attempt)
    {
        static string Slug(string text, int max)
        {
            var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? char.ToLowerInvariant(c) : '-').ToArray();
            var slug = new string(chars).Trim('-', '.', '_');
            return slug.Length == 0 ? "x" : slug[..Math.Min(slug.Length, max)];
        }

        var random = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6];
        return $"llmops-{Slug(stage, 40)}-{Slug(runId, 24)}-a{attempt.ToString(CultureInfo.InvariantCulture)}-{random}";
    }
}
