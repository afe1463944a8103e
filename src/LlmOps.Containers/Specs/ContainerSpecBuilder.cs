using LlmOps.Containers.Errors;
using LlmOps.Dsl;

namespace LlmOps.Containers.Specs;

/// <summary>
/// Fluent builder behind <c>.InContainer(c =&gt; c.Image(...).Command(...).Gpus(2))</c>.
/// Each method validates its argument at once, so a bad setting fails with a clear message at pipeline load time.
/// </summary>
public sealed partial class ContainerSpecBuilder
{
    private readonly State _s = new();

    /// <summary>Runs a pulled image, by tag (<c>repo:tag</c>) or digest (<c>repo@sha256:...</c>).</summary>
    public ContainerSpecBuilder Image(string reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.Any(char.IsWhiteSpace))
        {
            throw new ContainerStageException($"Invalid image reference '{reference}': expected e.g. \"ghcr.io/acme/trainer:1.2\" or \"ghcr.io/acme/trainer@sha256:...\".");
        }

        _s.Image = new ImageReference(reference);
        return this;
    }

    /// <summary>Builds the image from a Dockerfile; the context defaults to the Dockerfile's directory.</summary>
    public ContainerSpecBuilder Dockerfile(string path, IReadOnlyDictionary<string, string>? buildArgs = null, string? context = null, string? tag = null)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ContainerStageException("Invalid Dockerfile: the path is empty.");
        }

        var full = Path.GetFullPath(path);
        var contextDir = context is null ? Path.GetDirectoryName(full)! : Path.GetFullPath(context);
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in buildArgs ?? new Dictionary<string, string>())
        {
            ValidateName(key, "build argument");
            args[key] = value ?? string.Empty;
        }

        _s.Image = new DockerfileBuild(full, contextDir, args, tag);
        return this;
    }

    /// <summary>The command and its arguments (exec form, no shell).</summary>
    public ContainerSpecBuilder Command(params string[] commandAndArgs)
    {
        ArgumentNullException.ThrowIfNull(commandAndArgs);
        if (commandAndArgs.Length == 0 || string.IsNullOrWhiteSpace(commandAndArgs[0]))
        {
            throw new ContainerStageException("Invalid command: give the program to run, e.g. .Command(\"python\", \"train.py\").");
        }

        _s.Command = [.. commandAndArgs.Select(a => a ?? string.Empty)];
        return this;
    }

    /// <summary>Working directory inside the container.</summary>
    public ContainerSpecBuilder WorkingDirectory(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/'))
        {
            throw new ContainerStageException($"Invalid working directory '{path}': it must be an absolute path inside the container.");
        }

        _s.WorkingDirectory = path;
        return this;
    }

    /// <summary>Requests <paramref name="count"/> GPUs (<c>--gpus N</c>).</summary>
    public ContainerSpecBuilder Gpus(int count)
    {
        _s.Gpus = GpuRequest.OfCount(count);
        return this;
    }

    /// <summary>Requests specific GPUs (<c>--gpus '"device=0,3"'</c>).</summary>
    public ContainerSpecBuilder GpuDevices(params string[] deviceIds)
    {
        _s.Gpus = GpuRequest.OfDevices(deviceIds ?? []);
        return this;
    }

    /// <summary>Requests every GPU on the host (<c>--gpus all</c>).</summary>
    public ContainerSpecBuilder AllGpus()
    {
        _s.Gpus = GpuRequest.All();
        return this;
    }

    /// <summary>CPU limit in cores, e.g. 7.5 (<c>--cpus</c>).</summary>
    public ContainerSpecBuilder Cpus(double cores)
    {
        if (!double.IsFinite(cores) || cores <= 0 || cores > 4096)
        {
            throw new ContainerStageException($"Invalid CPU limit {cores}: expected a positive number of cores, e.g. 8 or 0.5.");
        }

        _s.Cpus = cores;
        return this;
    }

    /// <summary>Memory limit, e.g. "64g" (<c>--memory</c>).</summary>
    public ContainerSpecBuilder Memory(string size)
    {
        var bytes = ByteSize.Parse(size, "memory");
        if (bytes < 6 * 1024 * 1024)
        {
            throw new ContainerStageException($"Invalid memory size '{size}': Docker requires at least 6m.");
        }

        _s.MemoryBytes = bytes;
        return this;
    }

    /// <summary>Size of /dev/shm, e.g. "16g" (<c>--shm-size</c>).</summary>
    public ContainerSpecBuilder ShmSize(string size)
    {
        _s.ShmSizeBytes = ByteSize.Parse(size, "shm");
        return this;
    }

    /// <summary>Adds a resource limit; -1 means unlimited (<c>--ulimit name=soft:hard</c>).</summary>
    public ContainerSpecBuilder Ulimit(string name, long soft, long hard)
    {
        ValidateName(name, "ulimit");
        if (soft < -1 || hard < -1 || (hard != -1 && (soft == -1 || soft > hard)))
        {
            throw new ContainerStageException($"Invalid ulimit '{name}={soft}:{hard}': the soft limit cannot exceed the hard limit (-1 means unlimited).");
        }

        _s.Ulimits.RemoveAll(u => u.Name == name);
        _s.Ulimits.Add(new UlimitSpec(name, soft, hard));
        return this;
    }

    /// <summary>Runs as a non-root user ("1000", "1000:1000" or a name known to the image).</summary>
    public ContainerSpecBuilder User(string user)
    {
        var trimmed = user?.Trim() ?? string.Empty;
        var name = trimmed.Split(':')[0];
        if (name.Length == 0)
        {
            throw new ContainerStageException("Invalid user: the user is empty.");
        }

        if (name is "root" or "0")
        {
            throw new ContainerStageException($"Invalid user '{trimmed}': .User(...) is for running as non-root; leave it out to use the image's own user.");
        }

        _s.User = trimmed;
        return this;
    }

    /// <summary>Mounts the root filesystem read-only (<c>--read-only</c>); /tmp stays writable as a tmpfs.</summary>
    public ContainerSpecBuilder ReadOnlyRootFilesystem(bool enabled = true)
    {
        _s.ReadOnlyRootFilesystem = enabled;
        return this;
    }

    /// <summary>Sets an environment variable.</summary>
    public ContainerSpecBuilder Env(string name, string value)
    {
        ValidateName(name, "environment variable");
        if (_s.SecretEnvironment.ContainsKey(name))
        {
            throw new ContainerStageException($"Environment variable '{name}' is already declared as a secret.");
        }

        _s.Environment[name] = value ?? string.Empty;
        return this;
    }

    /// <summary>Sets a secret environment variable: its value is masked in every log line and never enters the cache key.</summary>
    public ContainerSpecBuilder SecretEnv(string name, string value)
    {
        ValidateName(name, "secret environment variable");
        if (_s.Environment.ContainsKey(name))
        {
            throw new ContainerStageException($"Secret '{name}' is already declared as a plain environment variable.");
        }

        if (string.IsNullOrEmpty(value))
        {
            throw new ContainerStageException($"Secret '{name}' has an empty value: is the secret configured on this runner?");
        }

        _s.SecretEnvironment[name] = value;
        return this;
    }

    /// <summary>When to pull the image (default <see cref="Specs.PullPolicy.Missing"/>).</summary>
    public ContainerSpecBuilder PullPolicy(PullPolicy policy)
    {
        if (!Enum.IsDefined(policy))
        {
            throw new ContainerStageException($"Invalid pull policy '{policy}'.");
        }

        _s.PullPolicy = policy;
        return this;
    }

    /// <summary>Retries the container when it exits with one of <paramref name="exitCodes"/>.</summary>
    public ContainerSpecBuilder RetryOn(IEnumerable<long> exitCodes, int maxAttempts, TimeSpan backoff)
    {
        _s.Retry = new RetryPolicy(exitCodes, maxAttempts, backoff);
        return this;
    }

    /// <summary>Per-attempt timeout; the container is stopped and removed when it is exceeded.</summary>
    public ContainerSpecBuilder Timeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new ContainerStageException($"Invalid timeout {timeout}: it must be positive.");
        }

        _s.Timeout = timeout;
        return this;
    }

    /// <summary>Time between SIGTERM and SIGKILL when stopping (default 10 s), so a trainer can checkpoint.</summary>
    public ContainerSpecBuilder StopGracePeriod(TimeSpan grace)
    {
        if (grace < TimeSpan.Zero || grace > TimeSpan.FromHours(1))
        {
            throw new ContainerStageException($"Invalid stop grace period {grace}: expected between 0 and 1 hour.");
        }

        _s.StopGracePeriod = grace;
        return this;
    }

    /// <summary>The network to join (default <see cref="ContainerNetwork.None"/>).</summary>
    public ContainerSpecBuilder Network(ContainerNetwork network)
    {
        _s.Network = network ?? throw new ContainerStageException("Invalid network: null.");
        return this;
    }

    /// <summary>Whether to run an init process as PID 1 (default true, like <c>docker run --init</c>).</summary>
    public ContainerSpecBuilder Init(bool enabled)
    {
        _s.Init = enabled;
        return this;
    }

    /// <summary>
    /// Lets a GPU stage run without GPUs when the engine has no GPU runtime: a CPU smoke run, announced by a
    /// warning banner in the log. Off by default, so a training job never silently runs on CPU; wire it to an
    /// explicit pipeline parameter. It is part of the cache key, so a smoke run's result never stands in for a GPU run's.
    /// </summary>
    public ContainerSpecBuilder AllowCpuFallback(bool allowed = true)
    {
        _s.AllowCpuFallback = allowed;
        return this;
    }

    /// <summary>
    /// Runs the stage on <paramref name="count"/> nodes at once (distributed training: one pod per node on Kubernetes,
    /// a JobSet or a Kubeflow TrainJob as the Argo template declares). A local run has one Docker engine and refuses a
    /// count above 1; wire it to a parameter whose default is 1.
    /// </summary>
    public ContainerSpecBuilder Nodes(int count)
    {
        if (count < 1 || count > 10_000)
        {
            throw new ContainerStageException($"Invalid node count {count}: a stage runs on 1 to 10000 nodes.");
        }

        _s.Nodes = count;
        return this;
    }

    /// <summary>Creates the immutable spec.</summary>
    /// <exception cref="ContainerStageException">No image or Dockerfile was given.</exception>
    public ContainerSpec Build()
    {
        if (_s.Image is null)
        {
            throw new ContainerStageException("The container has no image: call .Image(\"repo:tag\") or .Dockerfile(\"path/Dockerfile\").");
        }

        return new ContainerSpec(_s);
    }

    private static void ValidateName(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('=', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
        {
            throw new ContainerStageException($"Invalid {what} name '{name}': it must be non-empty, without '=' or spaces.");
        }
    }

    internal sealed class State
    {
        public ImageSource? Image { get; set; }

        public List<string> Command { get; set; } = [];

        public string? WorkingDirectory { get; set; }

        public GpuRequest? Gpus { get; set; }

        public double? Cpus { get; set; }

        public long? MemoryBytes { get; set; }

        public long? ShmSizeBytes { get; set; }

        public List<UlimitSpec> Ulimits { get; } = [];

        public string? User { get; set; }

        public bool ReadOnlyRootFilesystem { get; set; }

        public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> SecretEnvironment { get; } = new(StringComparer.Ordinal);

        public PullPolicy PullPolicy { get; set; } = Specs.PullPolicy.Missing;

        public RetryPolicy Retry { get; set; } = RetryPolicy.None;

        public TimeSpan? Timeout { get; set; }

        public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

        public ContainerNetwork Network { get; set; } = ContainerNetwork.None;

        public bool Init { get; set; } = true;

        public bool AllowCpuFallback { get; set; }

        public int Nodes { get; set; } = 1;

        public List<ArtifactRef> ReferencedInputs { get; } = [];

        public List<ArtifactRef> ReferencedOutputs { get; } = [];
    }
}
