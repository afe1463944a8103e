namespace LlmOps.Execution;

/// <summary>
/// The content-addressed store under <c>.llmops/store</c>: file contents in <c>objects/</c> by hash, manifests in
/// <c>manifests/</c> by content hash, read-only materialised trees in <c>trees/</c>, and the last artifact each
/// pipeline produced under a name in <c>refs/</c>. Every write is a rename of a finished file, so a killed process
/// leaves no half-written artifact visible.
/// </summary>
public sealed class ArtifactStore
{
    private readonly FileHashCache _hashes;

    /// <summary>Opens (and creates) the store under <paramref name="root"/>.</summary>
    public ArtifactStore(string root, FileHashCache hashes)
    {
        Root = root;
        _hashes = hashes;
        Directory.CreateDirectory(Path.Combine(root, "objects"));
        Directory.CreateDirectory(Path.Combine(root, "manifests"));
    }

    /// <summary>The store's folder.</summary>
    public string Root { get; }

    /// <summary>
    /// Moves every file of <paramref name="staging"/> into the store and records the manifest. The staging folder
    /// is consumed.
    /// </summary>
    public (string Hash, ArtifactManifest Manifest) Ingest(string staging, string name, string kind)
    {
        var files = new List<ManifestFile>();
        if (Directory.Exists(staging))
        {
            foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(staging, file).Replace('\\', '/');
                if (relative == ArtifactManifest.ExportFileName)
                {
                    continue;
                }

                var hash = ContentHash.OfFile(file);
                var size = new FileInfo(file).Length;
                var target = ObjectPath(hash);
                if (!File.Exists(target))
                {
                    FileModes.MakeReadOnly(file);
                    AtomicFile.PublishImmutable(file, target);
                }
                else if (new FileInfo(target).Length != size || _hashes.Hash(target) != hash)
                {
                    // Keeping a damaged object (the existing file normally wins) would leave the artifact unverifiable
                    // after every rebuild; the fresh copy replaces it, and trees still linking the damaged file go.
                    FileModes.MakeReadOnly(file);
                    File.Move(file, target, overwrite: true);
                    DropTreesContaining(hash);
                }

                files.Add(new ManifestFile(relative, size, hash));
            }
        }

        var manifest = new ArtifactManifest(name, kind, files);
        var manifestHash = manifest.ContentHash();
        AtomicFile.WriteAllText(ManifestPath(manifestHash), manifest.ToJson());
        return (manifestHash, manifest);
    }

    /// <summary>Reads a manifest, or null when it is missing or unreadable.</summary>
    public ArtifactManifest? TryReadManifest(string hash)
    {
        var path = ManifestPath(hash);
        try
        {
            return File.Exists(path) ? ArtifactManifest.Parse(File.ReadAllText(path)) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Checks that an artifact is complete and intact; returns null when it is, else what is wrong.</summary>
    public string? Verify(string hash)
    {
        var manifest = TryReadManifest(hash);
        if (manifest is null || manifest.ContentHash() != hash)
        {
            return "its manifest is missing or damaged";
        }

        foreach (var file in manifest.Files)
        {
            var path = ObjectPath(file.Sha256);
            if (!File.Exists(path))
            {
                return $"file {file.Path} is missing from the store";
            }

            if (new FileInfo(path).Length != file.Size || _hashes.Hash(path) != file.Sha256)
            {
                return $"file {file.Path} is corrupted in the store";
            }
        }

        return null;
    }

    /// <summary>Returns a read-only folder with the artifact's files (hard links into the store), creating it atomically.</summary>
    public string Materialize(string hash)
    {
        var tree = Path.Combine(Root, "trees", hash);
        if (Directory.Exists(tree))
        {
            return tree;
        }

        var manifest = TryReadManifest(hash) ?? throw new InvalidOperationException($"artifact {hash[..12]} is not in the store");
        var temp = Path.Combine(Root, "trees", $".{hash}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        foreach (var file in manifest.Files)
        {
            var target = Path.Combine(temp, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            HardLink.CreateOrCopy(ObjectPath(file.Sha256), target);
        }

        try
        {
            Directory.Move(temp, tree);
        }
        catch (IOException) when (Directory.Exists(tree))
        {
            Directory.Delete(temp, recursive: true);
        }

        return tree;
    }

    /// <summary>
    /// Copies an artifact with its manifest into <paramref name="directory"/> for upload by a CI system. The manifest
    /// names the artifact and its kind as given: the store keeps one manifest per content, whose name may be that of
    /// another artifact with the same files, and an importer checks the name and kind it expects against these.
    /// </summary>
    public void Export(string hash, string directory, string name, string kind)
    {
        var manifest = (TryReadManifest(hash) ?? throw new InvalidOperationException($"artifact {hash[..12]} is not in the store")) with { Name = name, Kind = kind };
        var temp = directory.TrimEnd('/') + $".{Guid.NewGuid():N}.tmp";
        Directory.CreateDirectory(temp);
        foreach (var file in manifest.Files)
        {
            var target = Path.Combine(temp, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(ObjectPath(file.Sha256), target);
            FileModes.MakeWritable(target);
        }

        File.WriteAllText(Path.Combine(temp, ArtifactManifest.ExportFileName), manifest.ToJson());
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.Move(temp, directory);
    }

    /// <summary>
    /// Imports an exported artifact (downloaded by a CI job), verifying first that its manifest is for
    /// <paramref name="name"/> of <paramref name="kind"/> and every file against the manifest.
    /// Returns the artifact's hash, or throws with the first mismatch.
    /// </summary>
    public string Import(string directory, string name, string kind)
    {
        var manifestPath = Path.Combine(directory, ArtifactManifest.ExportFileName);
        ArtifactManifest? manifest;
        try
        {
            manifest = File.Exists(manifestPath) ? ArtifactManifest.Parse(File.ReadAllText(manifestPath)) : null;
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{manifestPath}: not a valid manifest ({e.Message})");
        }

        if (manifest?.Files is null || manifest.Name is null || manifest.Kind is null)
        {
            throw new InvalidDataException($"{directory}: no valid {ArtifactManifest.ExportFileName}; it is not an exported LlmOps artifact");
        }

        if (manifest.Name != name || manifest.Kind != kind)
        {
            throw new InvalidDataException($"{manifestPath}: the manifest is for artifact '{manifest.Name}' ({manifest.Kind}), not '{name}' ({kind}); another artifact was downloaded in its place");
        }

        var root = Path.GetFullPath(directory) + Path.DirectorySeparatorChar;
        foreach (var file in manifest.Files)
        {
            // A downloaded manifest is untrusted: every path must stay inside the download.
            if (file?.Path is null || file.Sha256 is null || Path.IsPathRooted(file.Path) || !Path.GetFullPath(Path.Combine(directory, file.Path)).StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{manifestPath}: file entry '{file?.Path}' is not a relative path inside the artifact");
            }

            var path = Path.Combine(directory, file.Path);
            if (!File.Exists(path) || ContentHash.OfFile(path) != file.Sha256)
            {
                throw new InvalidDataException($"{directory}: {file.Path} does not match its manifest hash; the download is incomplete or was altered");
            }
        }

        var staging = Path.Combine(Root, "tmp", $"import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        foreach (var file in manifest.Files)
        {
            var target = Path.Combine(staging, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(directory, file.Path), target);
        }

        var (hash, _) = Ingest(staging, name, kind);
        Directory.Delete(staging, recursive: true);
        return hash;
    }

    /// <summary>Records that <paramref name="hash"/> is the latest <paramref name="artifact"/> of <paramref name="pipeline"/>.</summary>
    public void SetRef(string pipeline, string artifact, string hash) => AtomicFile.WriteAllText(RefPath(pipeline, artifact), hash);

    /// <summary>The latest hash recorded for an artifact, or null.</summary>
    public string? GetRef(string pipeline, string artifact)
    {
        var path = RefPath(pipeline, artifact);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private void DropTreesContaining(string objectHash)
    {
        var trees = Path.Combine(Root, "trees");
        if (!Directory.Exists(trees))
        {
            return;
        }

        foreach (var tree in Directory.EnumerateDirectories(trees).Where(d => !Path.GetFileName(d).StartsWith('.')).ToList())
        {
            if (TryReadManifest(Path.GetFileName(tree))?.Files.Any(f => f.Sha256 == objectHash) == true)
            {
                // Moved aside first, so a reader never finds a half-deleted tree under the artifact's name.
                var aside = Path.Combine(trees, $".{Path.GetFileName(tree)}.stale.{Guid.NewGuid():N}");
                Directory.Move(tree, aside);
                Directory.Delete(aside, recursive: true);
            }
        }
    }

    private string ObjectPath(string hash) => Path.Combine(Root, "objects", hash[..2], hash);

    private string ManifestPath(string hash) => Path.Combine(Root, "manifests", hash + ".json");

    private string RefPath(string pipeline, string artifact) => Path.Combine(Root, "refs", pipeline, artifact);
}
