namespace LlmOps.Execution;

/// <summary>The store's folders as lists: what verification and pruning walk over.</summary>
internal static class StoreWalk
{
    /// <summary>Every object file.</summary>
    public static IEnumerable<string> Objects(string storeRoot)
    {
        var objects = Path.Combine(storeRoot, "objects");
        return Directory.Exists(objects)
            ? Directory.EnumerateDirectories(objects).SelectMany(Directory.EnumerateFiles).Where(f => !Path.GetFileName(f).StartsWith('.'))
            : [];
    }

    /// <summary>Every manifest by hash, with its content (null when it cannot be read).</summary>
    public static IEnumerable<(string Hash, ArtifactManifest? Manifest)> Manifests(ArtifactStore store)
    {
        var manifests = Path.Combine(store.Root, "manifests");
        return Directory.Exists(manifests)
            ? Directory.EnumerateFiles(manifests, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Where(h => !h.StartsWith('.')).Select(h => (h, store.TryReadManifest(h)))
            : [];
    }

    /// <summary>The hash of every materialized tree.</summary>
    public static IEnumerable<string> Trees(string storeRoot)
    {
        var trees = Path.Combine(storeRoot, "trees");
        return Directory.Exists(trees)
            ? Directory.EnumerateDirectories(trees).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).ToList()
            : [];
    }

    /// <summary>Where an object's bytes are.</summary>
    public static string ObjectPath(string storeRoot, string hash) => Path.Combine(storeRoot, "objects", hash[..2], hash);
}
