using System.Text.Json;

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
    private readonly Lock _materializing = new();

    /// <summary>
    /// Opens (and creates) the store under <paramref name="root"/>. With <paramref name="fullHashes"/> every check
    /// re-hashes the bytes instead of trusting the size, mtime and inode fast path (<c>--verify</c>).
    /// </summary>
    public ArtifactStore(string root, FileHashCache hashes, bool fullHashes = false)
    {
        Root = root;
        _hashes = hashes;
        FullHashes = fullHashes;
        Directory.CreateDirectory(Path.Combine(root, "objects"));
        Directory.CreateDirectory(Path.Combine(root, "manifests"));
    }

    /// <summary>The store's folder.</summary>
    public string Root { get; }

    /// <summary>Whether checks re-hash every file rather than use the fast path.</summary>
    public bool FullHashes { get; }

    /// <summary>
    /// Moves every file of <paramref name="staging"/> into the store and records the manifest. The staging folder
    /// is consumed.
    /// </summary>
    public (string Hash, ArtifactManifest Manifest) Ingest(string staging, string name, string kind)
    {
        var files = new List<ManifestFile>();
        // A file outside the store may sit on another file system (a run's folder on a pod's disk, the store on a
        // shared claim), where a move is a copy that readers of the object's name would see half done, and a crash
        // would leave truncated there. It lands in the store's own tmp first, so publishing it is a rename.
        var landing = Path.GetFullPath(staging).StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? null
            : Path.Combine(Root, "tmp", $"import-{Environment.ProcessId}.{Guid.NewGuid():N}");
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
                var damaged = File.Exists(target) && (new FileInfo(target).Length != size || HashOf(target) != hash);
                if (!File.Exists(target) || damaged)
                {
                    var landed = Land(file, landing, hash);
                    FileModes.MakeReadOnly(landed);
                    if (!damaged)
                    {
                        AtomicFile.PublishImmutable(landed, target);
                    }
                    else
                    {
                        // Keeping a damaged object (the existing file normally wins) would leave the artifact
                        // unverifiable after every rebuild; the fresh copy replaces it, and trees linking the damaged file go.
                        File.Move(landed, target, overwrite: true);
                        DropTreesContaining(hash);
                    }
                }

                files.Add(new ManifestFile(relative, size, hash));
            }
        }

        if (landing is not null && Directory.Exists(landing))
        {
            Directory.Delete(landing, recursive: true);
        }

        var manifest = new ArtifactManifest(name, kind, files);
        var manifestHash = manifest.ContentHash();
        AtomicFile.WriteAllText(ManifestPath(manifestHash), manifest.ToJson());
        return (manifestHash, manifest);
    }

    // Where a file to publish is renamed from: itself when it is already in the store, else its copy in the landing folder.
    private static string Land(string file, string? landing, string hash)
    {
        if (landing is null)
        {
            return file;
        }

        Directory.CreateDirectory(landing);
        var landed = Path.Combine(landing, hash);
        File.Move(file, landed, overwrite: true);
        return landed;
    }

    /// <summary>Reads a manifest, or null when it is missing or unreadable.</summary>
    public ArtifactManifest? TryReadManifest(string hash)
    {
        var path = ManifestPath(hash);
        try
        {
            return File.Exists(path) && ArtifactManifest.Parse(File.ReadAllText(path)) is { Name: not null, Kind: not null, Files: not null } manifest && manifest.Files.All(f => f?.Path is not null && f.Sha256 is not null)
                ? manifest
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Checks that an artifact is complete and intact and, when <paramref name="name"/> and <paramref name="kind"/>
    /// are given, that it is that artifact; returns null when it is, else what is wrong.
    /// </summary>
    public string? Verify(string hash, string? name = null, string? kind = null)
    {
        var manifest = TryReadManifest(hash);
        if (manifest is null || manifest.ContentHash() != hash)
        {
            return "its manifest is missing or damaged";
        }

        if (name is not null && kind is not null && manifest.Mismatch(name, kind) is { } other)
        {
            return other;
        }

        foreach (var file in manifest.Files)
        {
            var path = ObjectPath(file.Sha256);
            if (!File.Exists(path))
            {
                return $"file {file.Path} is missing from the store";
            }

            if (new FileInfo(path).Length != file.Size || HashOf(path) != file.Sha256)
            {
                return $"file {file.Path} is corrupted in the store";
            }
        }

        return null;
    }

    /// <summary>
    /// Returns a read-only folder with the artifact's files (hard links into the store), checked against what was
    /// recorded when it was made; a damaged tree is rebuilt from the objects. Throws <see cref="StoreDamageException"/>
    /// when the objects themselves are damaged.
    /// </summary>
    public string Materialize(string hash)
    {
        lock (_materializing)
        {
            var tree = TreePath(hash);
            if (Directory.Exists(tree) && TreeDamage(hash) is null)
            {
                return tree;
            }

            if (Verify(hash) is { } damage)
            {
                throw new StoreDamageException($"artifact {hash[..12]} cannot be read: {damage}");
            }

            var manifest = TryReadManifest(hash)!;
            var temp = Path.Combine(Root, "trees", $".{hash}.{Environment.ProcessId}.{Guid.NewGuid():N}");
            Directory.CreateDirectory(temp);
            foreach (var file in manifest.Files)
            {
                var target = Path.Combine(temp, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                HardLink.CreateOrCopy(ObjectPath(file.Sha256), target);
                FileModes.MakeReadOnly(target);
            }

            // Recorded before the tree appears: a tree without a record is rebuilt, never trusted.
            AtomicFile.WriteAllText(TreeRecordPath(hash), JsonSerializer.Serialize(TreeCheck.Record(temp, manifest)));
            FileModes.MakeFoldersReadOnly(temp);
            try
            {
                Directory.Move(temp, tree);
            }
            catch (IOException) when (Directory.Exists(tree))
            {
                // Another process made the same tree from the same objects first.
                FileModes.MakeFoldersWritable(temp);
                Directory.Delete(temp, recursive: true);
            }

            return tree;
        }
    }

    /// <summary>
    /// Null when the artifact's materialized tree (if any) is as it was made, else what changed; a changed tree is
    /// removed so that the next reader gets a fresh one.
    /// </summary>
    public string? TreeDamage(string hash)
    {
        var tree = TreePath(hash);
        if (!Directory.Exists(tree))
        {
            return null;
        }

        var manifest = TryReadManifest(hash);
        var damage = manifest is null ? "its manifest is missing" : TreeCheck.Damage(tree, manifest, ReadTreeRecord(hash), FullHashes);
        if (damage is not null)
        {
            RemoveTree(tree);
        }

        return damage;
    }

    /// <summary>
    /// Copies an artifact with its manifest into <paramref name="directory"/> for upload by a CI system. The manifest
    /// names the artifact and its kind (both part of its hash), which an importer checks against what it expects.
    /// </summary>
    public void Export(string hash, string directory)
    {
        var manifest = TryReadManifest(hash) ?? throw new InvalidOperationException($"artifact {hash[..12]} is not in the store");
        var temp = directory.TrimEnd('/') + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
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
    /// Imports an exported artifact (downloaded by a CI job) that must be <paramref name="name"/> of kind
    /// <paramref name="kind"/>, verifying every file against its manifest first. Returns the artifact's hash, or
    /// throws <see cref="InvalidDataException"/> with the first problem.
    /// </summary>
    public string Import(string directory, string name, string kind)
    {
        var manifest = ArtifactImport.Check(directory, name, kind);
        var staging = Path.Combine(Root, "tmp", $"import-{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            foreach (var file in manifest.Files)
            {
                var target = Path.Combine(staging, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(directory, file.Path), target);
            }

            var (hash, stored) = Ingest(staging, manifest.Name, manifest.Kind);
            if (!stored.Files.SequenceEqual(manifest.Files.OrderBy(f => f.Path, StringComparer.Ordinal)))
            {
                throw new InvalidDataException($"{directory}: artifact '{name}' changed while it was imported");
            }

            return hash;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
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
                RemoveTree(tree);
            }
        }
    }

    /// <summary>Removes the artifact's materialized tree, if any (pruning).</summary>
    public void RemoveTreeOf(string hash)
    {
        if (Directory.Exists(TreePath(hash)))
        {
            RemoveTree(TreePath(hash));
        }
        else if (File.Exists(TreeRecordPath(hash)))
        {
            File.Delete(TreeRecordPath(hash));
        }
    }

    private void RemoveTree(string tree)
    {
        // Moved aside first, so a reader never finds a half-deleted tree under the artifact's name.
        var aside = Path.Combine(Path.GetDirectoryName(tree)!, $".{Path.GetFileName(tree)}.{Environment.ProcessId}.{Guid.NewGuid():N}.stale");
        Directory.Move(tree, aside);
        FileModes.MakeFoldersWritable(aside);
        Directory.Delete(aside, recursive: true);
        File.Delete(TreeRecordPath(Path.GetFileName(tree)));
    }

    private Dictionary<string, FileIdentity>? ReadTreeRecord(string hash)
    {
        try
        {
            var path = TreeRecordPath(hash);
            return File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, FileIdentity>>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string HashOf(string path) => FullHashes ? ContentHash.OfFile(path) : _hashes.Hash(path);

    private string TreePath(string hash) => Path.Combine(Root, "trees", hash);

    private string TreeRecordPath(string hash) => Path.Combine(Root, "trees", hash + ".json");

    private string ObjectPath(string hash) => StoreWalk.ObjectPath(Root, hash);

    private string ManifestPath(string hash) => Path.Combine(Root, "manifests", hash + ".json");

    private string RefPath(string pipeline, string artifact) => Path.Combine(Root, "refs", pipeline, artifact);
}
