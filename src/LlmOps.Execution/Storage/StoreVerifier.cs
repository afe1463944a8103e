namespace LlmOps.Execution;

/// <summary>
/// <c>./build.sh Verify --store</c>: re-hashes every byte of the store, never the size/mtime/inode fast path, so it
/// also finds corruption that keeps all three (bit rot, a careful tamperer). Objects must hash to their names,
/// manifests to theirs with every listed object present, trees must hold exactly their manifest's files and bytes,
/// and every deployed version (<c>.llmops/deployments/&lt;target&gt;/&lt;version&gt;/</c>) must be a byte-exact
/// copy of a stored artifact.
/// </summary>
public static class StoreVerifier
{
    /// <summary>Checks everything; the result counts what was checked and lists each problem found.</summary>
    public static StoreVerification Run(StateLayout state)
    {
        var problems = new List<string>();
        var store = new ArtifactStore(state.Store, FileHashCache.Load(state.FileHashes), fullHashes: true);
        var objects = 0;
        foreach (var path in StoreWalk.Objects(store.Root))
        {
            objects++;
            if (ContentHash.OfFile(path) != Path.GetFileName(path))
            {
                problems.Add($"object {Relative(state, path)}: its bytes do not match its name (bit rot or tampering)");
            }
        }

        var manifests = StoreWalk.Manifests(store).ToList();
        foreach (var (hash, manifest) in manifests)
        {
            if (manifest is null || manifest.ContentHash() != hash)
            {
                problems.Add($"manifest {hash[..12]}: damaged (it does not hash to its name)");
            }
            else if (manifest.Files.FirstOrDefault(f => !File.Exists(StoreWalk.ObjectPath(store.Root, f.Sha256))) is { } missing)
            {
                problems.Add($"artifact '{manifest.Name}' ({hash[..12]}): file {missing.Path} is missing from the store");
            }
        }

        var trees = 0;
        foreach (var hash in StoreWalk.Trees(store.Root))
        {
            trees++;
            if (store.TreeDamage(hash) is { } damage)
            {
                problems.Add($"tree {hash[..12]}: {damage}; removed, it is rebuilt from the objects when next read");
            }
        }

        var deployments = 0;
        var signatures = manifests.Where(m => m.Manifest is not null).Select(m => Signature(m.Manifest!.Files)).ToHashSet(StringComparer.Ordinal);
        foreach (var version in Deployments(state))
        {
            deployments++;
            var files = Directory.EnumerateFiles(version, "*", SearchOption.AllDirectories)
                .Select(f => new ManifestFile(Path.GetRelativePath(version, f).Replace('\\', '/'), new FileInfo(f).Length, ContentHash.OfFile(f)))
                .OrderBy(f => f.Path, StringComparer.Ordinal);
            if (!signatures.Contains(Signature(files)))
            {
                problems.Add($"deployment {Relative(state, version)}: its files match no stored artifact (damaged, changed by hand, or its package was pruned)");
            }
        }

        return new StoreVerification(objects, manifests.Count, trees, deployments, problems);
    }

    /// <summary>The deployed versions: <c>deployments/&lt;target&gt;/&lt;version&gt;/</c> (hidden staging folders excluded).</summary>
    public static IEnumerable<string> Deployments(StateLayout state) =>
        Directory.Exists(state.Deployments)
            ? Directory.EnumerateDirectories(state.Deployments).SelectMany(Directory.EnumerateDirectories).Where(d => !Path.GetFileName(d).StartsWith('.'))
            : [];

    private static string Signature(IEnumerable<ManifestFile> files) => string.Join("\n", files.Select(f => $"{f.Path}\t{f.Size}\t{f.Sha256}"));

    private static string Relative(StateLayout state, string path) => Path.GetRelativePath(state.Root, path).Replace('\\', '/');
}

/// <summary>What <see cref="StoreVerifier"/> checked and found.</summary>
/// <param name="Objects">Objects re-hashed.</param>
/// <param name="Manifests">Manifests checked.</param>
/// <param name="Trees">Materialized trees re-hashed.</param>
/// <param name="Deployments">Deployed versions re-hashed.</param>
/// <param name="Problems">One line per damaged thing; empty when the store is whole.</param>
public sealed record StoreVerification(int Objects, int Manifests, int Trees, int Deployments, IReadOnlyList<string> Problems);
