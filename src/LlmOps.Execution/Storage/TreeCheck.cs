namespace LlmOps.Execution;

/// <summary>
/// Checks a materialized tree against its manifest before a stage reads it and after a stage ran. The tree is only
/// read-only by file mode, which root ignores, so what was materialized is recorded (size, mtime and inode of each
/// file) and compared: a file that was replaced (temp file + rename), edited, removed or added, or a link put in its
/// place, is damage. A full check also re-hashes every file, which catches what keeps size, mtime and inode.
/// </summary>
internal static class TreeCheck
{
    /// <summary>The identity of each of the tree's files, recorded when it is materialized.</summary>
    public static Dictionary<string, FileIdentity> Record(string tree, ArtifactManifest manifest) =>
        manifest.Files.ToDictionary(f => f.Path, f => FileIdentity.Of(Path.Combine(tree, f.Path)), StringComparer.Ordinal);

    /// <summary>Null when <paramref name="tree"/> holds exactly the manifest's files as recorded, else what differs.</summary>
    public static string? Damage(string tree, ArtifactManifest manifest, IReadOnlyDictionary<string, FileIdentity>? record, bool full)
    {
        if (record is null)
        {
            return "no record of what was materialized";
        }

        var expected = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(tree).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(tree, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is not null)
            {
                return $"{relative} is a link";
            }

            if (entry is FileInfo && !expected.Contains(relative))
            {
                return $"{relative} was added";
            }
        }

        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(tree, file.Path);
            if (!File.Exists(path))
            {
                return $"{file.Path} was removed";
            }

            if (!record.TryGetValue(file.Path, out var identity) || FileIdentity.Of(path) != identity)
            {
                return $"{file.Path} was replaced or changed";
            }

            if (full && ContentHash.OfFile(path) != file.Sha256)
            {
                return $"{file.Path} does not match its hash";
            }
        }

        return null;
    }
}
