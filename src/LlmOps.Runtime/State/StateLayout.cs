namespace LlmOps.Runtime;

/// <summary>
/// The parts of a repository's state folder, <c>.llmops</c>: the one place their names are spelled. Use
/// <see cref="Of"/> for the paths on this machine and <see cref="Relative"/> for paths relative to the repository root
/// with <c>/</c> separators, as CI files and parameter defaults spell them.
/// </summary>
public sealed class StateLayout
{
    /// <summary>The state folder's name, at the repository root.</summary>
    public const string DirectoryName = ".llmops";

    private readonly char _separator;

    /// <summary>The layout of a state folder at <paramref name="root"/> (a folder that is laid out like <c>.llmops</c>).</summary>
    public StateLayout(string root)
        : this(root, Path.DirectorySeparatorChar)
    {
    }

    private StateLayout(string root, char separator)
    {
        Root = root;
        _separator = separator;
    }

    /// <summary>Paths relative to the repository root, separated by <c>/</c> on every platform: <c>.llmops/store</c>.</summary>
    public static StateLayout Relative { get; } = new(DirectoryName, '/');

    /// <summary>The state folder of the repository at <paramref name="repositoryRoot"/>.</summary>
    public static StateLayout Of(string repositoryRoot) => new(Path.Combine(repositoryRoot, DirectoryName));

    /// <summary>The state folder itself.</summary>
    public string Root { get; }

    /// <summary>The content-addressed artifact store.</summary>
    public string Store => Combine("store");

    /// <summary>The cache index (stage keys to stored outputs).</summary>
    public string Cache => Combine("cache");

    /// <summary>The file hash fast path (size and time stamp to hash), kept with the cache.</summary>
    public string FileHashes => Combine("cache", "file-hashes.json");

    /// <summary>One folder per run: <c>run.json</c> and the stage logs.</summary>
    public string Runs => Combine("runs");

    /// <summary>Scratch folders of runs; a run's folder is removed by the next run once it is over.</summary>
    public string Temp => Combine("tmp");

    /// <summary>The scratch folder of run <paramref name="runId"/>.</summary>
    public string TempOf(string runId) => Combine("tmp", runId);

    /// <summary>Artifacts downloaded by a CI job for stages it skips, one folder per artifact.</summary>
    public string Import => Combine("import");

    /// <summary>Where a CI job exports the artifacts it produced, for upload.</summary>
    public string Export => Combine("export");

    /// <summary>The Mermaid diagram of the last plan.</summary>
    public string PlanDiagram => Combine("plan.mmd");

    /// <summary>The lock file that lets one run at a time use the state.</summary>
    public string Lock => Combine("lock");

    /// <summary>
    /// The per-clone salt of secret values' hashes in cache keys. It stays out of <c>cache/</c>, which CI caches carry
    /// to whoever can restore them: with the salt, the hashes there would let weak secrets be guessed offline. Runs that
    /// share a cache share a salt through <c>LLMOPS_SECRET_SALT</c> instead, kept as a secret.
    /// </summary>
    public string SecretSalt => Combine("secret-salt");

    /// <summary>The local experiment tracker's database.</summary>
    public string TrackingDatabase => Combine("tracking.db");

    /// <summary>Artifacts copied by the local experiment tracker, one folder per tracked run.</summary>
    public string TrackingArtifacts => Combine("artifacts");

    /// <summary>Models deployed by pipelines, one folder per deployment.</summary>
    public string Deployments => Combine("deployments");

    /// <summary>The local model registry of pipelines.</summary>
    public string Registry => Combine("registry");

    /// <summary>A folder or file of the state that belongs to a pipeline (a build context, a published tool).</summary>
    public string Part(params string[] parts) => Combine(parts);

    private string Combine(params string[] parts) =>
        _separator == Path.DirectorySeparatorChar ? Path.Combine([Root, .. parts]) : string.Join(_separator, [Root, .. parts]);
}
