using System.Globalization;
using System.Text;
using System.Text.Json;
using LlmOps.Dsl;

namespace LlmOps.Containers.Specs;

/// <summary>
/// Immutable description of how a stage runs in a container. Build one with <see cref="ContainerSpecBuilder"/>.
/// Secret values are held but never rendered: <see cref="ToString"/> and <see cref="CanonicalDescription"/> list only their names.
/// </summary>
public sealed class ContainerSpec
{
    internal ContainerSpec(ContainerSpecBuilder.State s)
    {
        Image = s.Image!;
        Command = [.. s.Command];
        WorkingDirectory = s.WorkingDirectory;
        Gpus = s.Gpus;
        Cpus = s.Cpus;
        MemoryBytes = s.MemoryBytes;
        ShmSizeBytes = s.ShmSizeBytes;
        Ulimits = [.. s.Ulimits.OrderBy(u => u.Name, StringComparer.Ordinal)];
        User = s.User;
        ReadOnlyRootFilesystem = s.ReadOnlyRootFilesystem;
        Environment = new SortedDictionary<string, string>(s.Environment, StringComparer.Ordinal);
        SecretEnvironment = new SortedDictionary<string, string>(s.SecretEnvironment, StringComparer.Ordinal);
        PullPolicy = s.PullPolicy;
        Retry = s.Retry;
        Timeout = s.Timeout;
        StopGracePeriod = s.StopGracePeriod;
        Network = s.Network;
        Init = s.Init;
        AllowCpuFallback = s.AllowCpuFallback && s.Gpus is not null;
        Nodes = s.Nodes;
        ReferencedInputs = [.. s.ReferencedInputs];
        ReferencedOutputs = [.. s.ReferencedOutputs];
        CanonicalDescription = Describe();
    }

    /// <summary>Where the image comes from.</summary>
    public ImageSource Image { get; }

    /// <summary>Command and arguments; empty means the image's default command.</summary>
    public IReadOnlyList<string> Command { get; }

    /// <summary>Working directory inside the container, or null for the image's.</summary>
    public string? WorkingDirectory { get; }

    /// <summary>The GPU request, or null for a CPU-only stage.</summary>
    public GpuRequest? Gpus { get; }

    /// <summary>CPU limit in cores (NanoCPUs / 1e9), or null for no limit.</summary>
    public double? Cpus { get; }

    /// <summary>Memory limit in bytes, or null for no limit.</summary>
    public long? MemoryBytes { get; }

    /// <summary>Size of /dev/shm in bytes, or null for the engine default (64 MiB, too small for PyTorch data loaders).</summary>
    public long? ShmSizeBytes { get; }

    /// <summary>Resource limits, sorted by name.</summary>
    public IReadOnlyList<UlimitSpec> Ulimits { get; }

    /// <summary>The non-root user ("uid", "uid:gid" or a name) to run as, or null for the image's user.</summary>
    public string? User { get; }

    /// <summary>Mount the root filesystem read-only (a writable tmpfs is still mounted at /tmp).</summary>
    public bool ReadOnlyRootFilesystem { get; }

    /// <summary>Plain environment variables, sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Names of the secret environment variables (values are never exposed).</summary>
    public IReadOnlyList<string> SecretNames => [.. SecretEnvironment.Keys];

    /// <summary>Secret variables with their values; internal so that no public surface can print them.</summary>
    internal IReadOnlyDictionary<string, string> SecretEnvironment { get; }

    /// <summary>When to pull <see cref="ImageReference"/> images.</summary>
    public PullPolicy PullPolicy { get; }

    /// <summary>Retries for transient exit codes.</summary>
    public RetryPolicy Retry { get; }

    /// <summary>Per-attempt timeout, or null for none.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Time between SIGTERM and SIGKILL when the container is stopped (timeout or cancellation).</summary>
    public TimeSpan StopGracePeriod { get; }

    /// <summary>The network the container joins.</summary>
    public ContainerNetwork Network { get; }

    /// <summary>Run an init process as PID 1 so signals reach the trainer and zombies are reaped.</summary>
    public bool Init { get; }

    /// <summary>Whether a GPU request may run without GPUs on an engine without a GPU runtime (a CPU smoke run).</summary>
    public bool AllowCpuFallback { get; }

    /// <summary>How many nodes the stage runs on at once; above 1 only on a cluster (<see cref="ContainerSpecBuilder.Nodes"/>).</summary>
    public int Nodes { get; }

    /// <summary>
    /// Artifacts whose mount paths the spec took from <see cref="ContainerSpecBuilder.Input"/>, in order of first use.
    /// Each must be one the stage consumes, or its path is empty in the container; the stage holds that list, so the
    /// check belongs there. Not part of <see cref="CanonicalDescription"/>: the paths already are, in the command.
    /// </summary>
    public IReadOnlyList<ArtifactRef> ReferencedInputs { get; }

    /// <summary>Artifacts whose output paths the spec took from <see cref="ContainerSpecBuilder.Output"/>, in order of first use; each must be one the stage produces.</summary>
    public IReadOnlyList<ArtifactRef> ReferencedOutputs { get; }

    /// <summary>
    /// Deterministic JSON of everything that can change a stage's outputs, for the stage cache key.
    /// Secrets appear by name only. Timeout, retries, pull policy and stop grace are excluded because they
    /// do not change what a successful run produces. Combine with the resolved image ID, since a tag can move.
    /// </summary>
    public string CanonicalDescription { get; }

    /// <inheritdoc />
    public override string ToString() => CanonicalDescription;

    private string Describe()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("image", Image.Describe());
            w.WriteStartArray("command");
            foreach (var arg in Command)
            {
                w.WriteStringValue(arg);
            }

            w.WriteEndArray();
            WriteOptional(w, "workdir", WorkingDirectory);
            WriteOptional(w, "gpus", Gpus?.ToString());
            WriteOptional(w, "cpus", Cpus?.ToString("R", CultureInfo.InvariantCulture));
            WriteOptional(w, "memory", MemoryBytes?.ToString(CultureInfo.InvariantCulture));
            WriteOptional(w, "shm", ShmSizeBytes?.ToString(CultureInfo.InvariantCulture));
            WriteOptional(w, "ulimits", Ulimits.Count == 0 ? null : string.Join(',', Ulimits));
            WriteOptional(w, "user", User);
            w.WriteBoolean("readOnlyRoot", ReadOnlyRootFilesystem);
            w.WriteString("network", Network.Mode);
            w.WriteBoolean("init", Init);
            // Written only above 1, so the keys of every single-node stage stay what they were.
            if (Nodes > 1)
            {
                w.WriteNumber("nodes", Nodes);
            }

            if (AllowCpuFallback)
            {
                w.WriteBoolean("cpuFallback", true);
            }

            w.WriteStartObject("env");
            foreach (var (key, value) in Environment)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteStartArray("secrets");
            foreach (var name in SecretEnvironment.Keys)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
