namespace LlmOps.Execution;

/// <summary>The state folder's parts, opened once per run.</summary>
public sealed class RunEnvironment
{
    /// <summary>Opens the state under <paramref name="options"/>' state folder.</summary>
    public RunEnvironment(ExecutionOptions options)
    {
        Options = options;
        var state = options.State;
        Directory.CreateDirectory(state.Root);
        Hashes = FileHashCache.Load(state.FileHashes);
        Store = new ArtifactStore(state.Store, Hashes, options.Verify);
        Cache = new CacheIndex(state.Cache);
        Runs = new RunStore(state.Runs);
        Keys = new StageKeyBuilder(options.RootDirectory, Hashes, SecretSalt(state, options.SecretSalt), options.Variables);
    }

    /// <summary>The options.</summary>
    public ExecutionOptions Options { get; }

    /// <summary>File hash fast path.</summary>
    public FileHashCache Hashes { get; }

    /// <summary>The artifact store.</summary>
    public ArtifactStore Store { get; }

    /// <summary>The cache index.</summary>
    public CacheIndex Cache { get; }

    /// <summary>Run records.</summary>
    public RunStore Runs { get; }

    /// <summary>Cache key computation.</summary>
    public StageKeyBuilder Keys { get; }

    /// <summary>The temporary folder of a run.</summary>
    public string TempDirectory(string runId) => Options.State.TempOf(runId);

    /// <summary>
    /// Removes temporary folders of runs that are no longer running (a killed run's half-written outputs) and the
    /// temporary files and folders that killed writes left in the store, cache, run records and export folder.
    /// </summary>
    public void CleanStaleTemp(string currentRunId)
    {
        StaleTempSweeper.Sweep(Options.State, Options.ExportDirectory, Options.SharedStore);
        var tmp = Options.State.Temp;
        if (!Directory.Exists(tmp))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(tmp).Where(d => Path.GetFileName(d) != currentRunId))
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    // Secret parameter values enter cache keys only as salted hashes. The salt is per clone unless the run is given one
    // (runs that share a store share it as a secret); clones' first runs may start together, so the first written wins.
    private static string SecretSalt(StateLayout state, string? given)
    {
        if (given is not null)
        {
            return given;
        }

        var path = state.SecretSalt;
        if (!File.Exists(path))
        {
            var temp = path + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            Directory.CreateDirectory(state.Root);
            File.WriteAllText(temp, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            AtomicFile.PublishImmutable(temp, path);
        }

        return File.ReadAllText(path).Trim();
    }
}
