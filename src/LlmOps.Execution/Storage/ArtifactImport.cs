namespace LlmOps.Execution;

/// <summary>
/// Checks a downloaded artifact before anything of it enters the store. The download and its manifest are untrusted:
/// the manifest must name the expected artifact and kind and list each file once, and every listed file must be a
/// plain file inside the download (no link, device or FIFO anywhere on its path) with the listed size and hash.
/// </summary>
internal static class ArtifactImport
{
    /// <summary>The verified manifest, or throws <see cref="InvalidDataException"/> naming the artifact and the problem.</summary>
    public static ArtifactManifest Check(string directory, string name, string kind)
    {
        var manifestPath = Path.Combine(directory, ArtifactManifest.ExportFileName);
        var manifest = ReadManifest(directory, manifestPath);
        string Problem(string what) => $"{manifestPath}: artifact '{name}': {what}";
        if (manifest.Mismatch(name, kind) is { } other)
        {
            throw new InvalidDataException(Problem($"the manifest does not match: {other}"));
        }

        if (manifest.Files.Count == 0)
        {
            throw new InvalidDataException(Problem("the manifest lists no files"));
        }

        var root = Path.GetFullPath(directory);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (file?.Path is null || file.Sha256 is null || Path.IsPathRooted(file.Path) || file.Path.Split('/').Any(p => p is "" or "." or "..") ||
                !Path.GetFullPath(Path.Combine(root, file.Path)).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException(Problem($"file entry '{file?.Path}' is not a relative path inside the artifact"));
            }

            if (!seen.Add(file.Path))
            {
                throw new InvalidDataException(Problem($"file {file.Path} is listed twice"));
            }

            if (NotPlain(root, file.Path) is { } notPlain)
            {
                throw new InvalidDataException(Problem($"{notPlain}; only plain files are imported"));
            }

            var path = Path.Combine(root, file.Path);
            if (new FileInfo(path).Length != file.Size)
            {
                throw new InvalidDataException(Problem($"{file.Path} has {new FileInfo(path).Length:N0} bytes, the manifest says {file.Size:N0}; the download is incomplete or was altered"));
            }

            if (ContentHash.OfFile(path) != file.Sha256)
            {
                throw new InvalidDataException(Problem($"{file.Path} does not match its manifest hash; the download is incomplete or was altered"));
            }
        }

        return manifest;
    }

    private static ArtifactManifest ReadManifest(string directory, string manifestPath)
    {
        ArtifactManifest? manifest;
        try
        {
            manifest = File.Exists(manifestPath) ? ArtifactManifest.Parse(File.ReadAllText(manifestPath)) : null;
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{manifestPath}: not a valid manifest ({e.Message})");
        }

        return manifest is { Files: not null, Name: not null, Kind: not null }
            ? manifest
            : throw new InvalidDataException($"{directory}: no valid {ArtifactManifest.ExportFileName}; it is not an exported LlmOps artifact");
    }

    // Every folder on the way is checked too: a linked folder would lead out of the download as well as a linked file.
    private static string? NotPlain(string root, string relative)
    {
        var parts = relative.Split('/', '\\');
        var path = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            path = Path.Combine(path, parts[i]);
            if (new DirectoryInfo(path).LinkTarget is not null || File.Exists(path))
            {
                return $"{string.Join('/', parts[..(i + 1)])} is a link or not a folder";
            }
        }

        return EntryKind.NotARegularFile(Path.Combine(root, relative)) is { } what ? $"{relative} is {what}" : null;
    }
}
