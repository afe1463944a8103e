namespace LlmOps.Execution;

/// <summary>
/// What the store must keep. Roots: every ref (the last artifact of each name in each pipeline), the outputs of the
/// newest runs and of pinned runs, and the stored artifacts that deployed (and not about to be pruned, see
/// <see cref="DeploymentVersions"/>) or registered versions are copies of. A
/// manifest is kept when a root names it; an object when a kept manifest lists it. Cache entries are not roots: an
/// entry whose outputs are pruned is removed with them (it would only cost a re-run).
/// </summary>
public sealed class Reachability
{
    /// <summary>The file in a run's folder that keeps the run and its outputs from being pruned.</summary>
    public const string PinFile = "pinned";

    private Reachability(IReadOnlySet<string> manifests, IReadOnlyList<string> keptRuns, IReadOnlyList<string> prunedRuns)
    {
        Manifests = manifests;
        KeptRuns = keptRuns;
        PrunedRuns = prunedRuns;
    }

    /// <summary>Hashes of the manifests to keep.</summary>
    public IReadOnlySet<string> Manifests { get; }

    /// <summary>Run ids kept (newest, pinned or still running).</summary>
    public IReadOnlyList<string> KeptRuns { get; }

    /// <summary>Run ids whose folders go.</summary>
    public IReadOnlyList<string> PrunedRuns { get; }

    /// <summary>
    /// Computes what to keep, keeping the newest <paramref name="keepRuns"/> runs; the deployed version folders in
    /// <paramref name="prunedDeployments"/> go in the same prune, so they keep nothing.
    /// </summary>
    public static Reachability Of(StateLayout state, ArtifactStore store, FileHashCache hashes, int keepRuns, IReadOnlyCollection<string> prunedDeployments)
    {
        var runs = new RunStore(state.Runs);
        // Newest first by start time: ids only sort to the second, and runs started within one second differ by a
        // random suffix.
        var records = runs.RunIds().Select(id => (Id: id, Record: runs.Load(id)))
            .OrderByDescending(r => r.Record?.StartedAt ?? DateTimeOffset.MinValue).ThenByDescending(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var kept = records
            .Where((r, i) => i < keepRuns || File.Exists(Path.Combine(runs.RunDirectory(r.Id), PinFile)) || r.Record?.Status == RunStatus.Running)
            .ToList();
        var roots = new HashSet<string>(StringComparer.Ordinal);
        roots.UnionWith(Refs(store.Root));
        foreach (var record in kept.Select(r => r.Record).OfType<RunRecord>())
        {
            roots.UnionWith(record.Stages.SelectMany(s => s.Outputs?.Values.AsEnumerable() ?? []));
        }

        var manifests = StoreWalk.Manifests(store).Where(m => m.Manifest is not null).ToList();
        roots.UnionWith(CopiedElsewhere(state, manifests, hashes, prunedDeployments));
        roots.IntersectWith(manifests.Select(m => m.Hash));
        return new Reachability(roots, kept.Select(r => r.Id).ToList(), records.Select(r => r.Id).Except(kept.Select(r => r.Id)).ToList());
    }

    private static IEnumerable<string> Refs(string storeRoot)
    {
        var refs = Path.Combine(storeRoot, "refs");
        return Directory.Exists(refs)
            ? Directory.EnumerateFiles(refs, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Select(f => File.ReadAllText(f).Trim())
            : [];
    }

    // A deployed version or a registered model is a copy of a stored artifact (a package, an adapter): every file of
    // the artifact has a byte-equal file there. Hashes come from the fast path, so a prune does not re-read models.
    private static IEnumerable<string> CopiedElsewhere(StateLayout state, IEnumerable<(string Hash, ArtifactManifest? Manifest)> manifests, FileHashCache hashes, IReadOnlyCollection<string> prunedDeployments)
    {
        var copied = new HashSet<string>(StringComparer.Ordinal);
        var pruned = prunedDeployments.Select(d => Path.TrimEndingDirectorySeparator(d) + Path.DirectorySeparatorChar).ToList();
        foreach (var folder in new[] { state.Deployments, state.Registry }.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !pruned.Any(d => f.StartsWith(d, StringComparison.Ordinal))))
            {
                copied.Add(hashes.Hash(file));
            }
        }

        return copied.Count == 0 ? [] : manifests.Where(m => m.Manifest!.Files.Count > 0 && m.Manifest.Files.All(f => copied.Contains(f.Sha256))).Select(m => m.Hash);
    }
}
