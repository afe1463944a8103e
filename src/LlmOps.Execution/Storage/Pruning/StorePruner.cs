namespace LlmOps.Execution;

/// <summary>
/// <c>./build.sh Prune</c>: removes deployed versions beyond the newest of each target (never the current one, see
/// <see cref="DeploymentVersions"/>), then what <see cref="Reachability"/> does not keep: run folders, manifests,
/// objects, trees and the cache entries that name removed artifacts. With <c>dryRun</c> it only says what would go.
/// </summary>
public static class StorePruner
{
    /// <summary>Deployed versions kept per target besides the current one when no other number is given.</summary>
    public const int DefaultKeepDeployments = 5;

    /// <summary>
    /// Prunes (or, with <paramref name="dryRun"/>, plans to) and returns what goes: runs beyond the newest
    /// <paramref name="keepRuns"/>, deployed versions beyond the current one and the newest
    /// <paramref name="keepDeployments"/> others of each target, and what nothing kept refers to.
    /// </summary>
    public static PruneResult Run(StateLayout state, int keepRuns, bool dryRun, int keepDeployments = DefaultKeepDeployments)
    {
        var hashes = FileHashCache.Load(state.FileHashes);
        var store = new ArtifactStore(state.Store, hashes);
        var deployments = DeploymentVersions.Of(state.Deployments, keepDeployments);
        var keep = Reachability.Of(state, store, hashes, keepRuns, deployments.Gone);
        var manifests = StoreWalk.Manifests(store).ToList();
        var goneArtifacts = manifests.Where(m => !keep.Manifests.Contains(m.Hash)).ToList();
        var keptObjects = manifests.Where(m => keep.Manifests.Contains(m.Hash)).SelectMany(m => m.Manifest!.Files.Select(f => f.Sha256)).ToHashSet(StringComparer.Ordinal);
        var goneObjects = StoreWalk.Objects(store.Root).Where(o => !keptObjects.Contains(Path.GetFileName(o))).ToList();
        var goneEntries = GoneEntries(new CacheIndex(state.Cache), keep);
        var runs = new RunStore(state.Runs);
        var goneRuns = keep.PrunedRuns.Select(runs.RunDirectory).ToList();

        var bytes = goneObjects.Sum(o => new FileInfo(o).Length)
            + goneArtifacts.Sum(m => new FileInfo(ManifestPath(store, m.Hash)).Length)
            + goneEntries.Sum(e => new FileInfo(e).Length)
            + goneRuns.Sum(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length))
            + deployments.Gone.Sum(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
        var result = new PruneResult(
            goneRuns.Select(Path.GetFileName).OfType<string>().ToList(),
            goneArtifacts.Select(m => $"{m.Manifest?.Name ?? "(unreadable)"} {m.Hash[..12]}").ToList(),
            goneObjects.Count,
            goneEntries.Count,
            bytes,
            keep.KeptRuns.Count,
            keep.Manifests.Count)
        {
            Deployments = deployments.Gone.Select(d => Path.GetRelativePath(state.Root, d).Replace('\\', '/')).ToList(),
            UnknownCurrent = deployments.UnknownCurrent.Select(d => Path.GetRelativePath(state.Root, d).Replace('\\', '/')).ToList(),
        };
        if (dryRun)
        {
            return result;
        }

        // Deployed versions first (they are what freed their artifacts), then cache entries, then manifests, then
        // objects: a crash part-way leaves entries that miss (a re-run), never an entry, manifest or deployed
        // version pointing at bytes that are gone.
        foreach (var version in deployments.Gone)
        {
            DeploymentVersions.Remove(version);
        }

        goneEntries.ForEach(File.Delete);
        foreach (var (hash, _) in goneArtifacts)
        {
            store.RemoveTreeOf(hash);
            File.Delete(ManifestPath(store, hash));
        }

        goneObjects.ForEach(File.Delete);
        goneRuns.ForEach(r => Directory.Delete(r, recursive: true));
        return result;
    }

    // An entry goes when an artifact it names goes. An entry without outputs names nothing, so it goes with its run,
    // unless it is its stage's latest (the one a run with unchanged inputs would hit).
    private static List<string> GoneEntries(CacheIndex cache, Reachability keep)
    {
        var all = cache.All().ToList();
        var latest = all.Where(e => Path.GetFileName(Path.GetDirectoryName(e.Path)) == "stages").Select(e => e.Entry.Key).ToHashSet(StringComparer.Ordinal);
        return all
            .Where(e => e.Entry.Outputs.Values.Any(h => !keep.Manifests.Contains(h)) || (e.Entry.Outputs.Count == 0 && !keep.KeptRuns.Contains(e.Entry.RunId) && !latest.Contains(e.Entry.Key)))
            .Select(e => e.Path)
            .ToList();
    }

    private static string ManifestPath(ArtifactStore store, string hash) => Path.Combine(store.Root, "manifests", hash + ".json");
}

/// <summary>What a prune removed (or would remove).</summary>
/// <param name="Runs">Run ids whose folders go.</param>
/// <param name="Artifacts">Stored artifacts that go, as "name hash".</param>
/// <param name="Objects">How many object files go.</param>
/// <param name="CacheEntries">How many cache entries go.</param>
/// <param name="Bytes">Bytes freed.</param>
/// <param name="KeptRuns">Runs kept.</param>
/// <param name="KeptArtifacts">Stored artifacts kept.</param>
public sealed record PruneResult(IReadOnlyList<string> Runs, IReadOnlyList<string> Artifacts, int Objects, int CacheEntries, long Bytes, int KeptRuns, int KeptArtifacts)
{
    /// <summary>Deployed version folders that go, relative to <c>.llmops</c> (<c>deployments/&lt;target&gt;/&lt;version&gt;</c>).</summary>
    public IReadOnlyList<string> Deployments { get; init; } = [];

    /// <summary>Deployment targets left whole because no <c>current</c> pointer names one of their versions.</summary>
    public IReadOnlyList<string> UnknownCurrent { get; init; } = [];
}
