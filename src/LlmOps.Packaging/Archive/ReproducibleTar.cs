using System.Formats.Tar;

namespace LlmOps.Packaging;

/// <summary>
/// Writes a tar archive whose bytes depend only on the entries' paths and contents: entries in ordinal path order,
/// every parent folder as its own entry, mtime 0, uid/gid 0, no user or group names, mode 0644 for files and 0755
/// for folders. Ustar rather than PAX because .NET's PAX entries add access and change times of "now".
/// </summary>
internal static class ReproducibleTar
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode FolderMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Writes <paramref name="entries"/> (file paths, unique) to <paramref name="output"/>.</summary>
    /// <exception cref="PackageException">A path is not a plain relative path, or is too long for ustar.</exception>
    public static void Write(IEnumerable<ArchiveEntry> entries, Stream output)
    {
        var files = entries.ToDictionary(e => Checked(e.Path), StringComparer.Ordinal);
        var folders = files.Keys.SelectMany(Parents).Distinct(StringComparer.Ordinal);
        var paths = files.Keys.Concat(folders.Select(f => f + "/")).Order(StringComparer.Ordinal);
        using var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        foreach (var path in paths)
        {
            var folder = path.EndsWith('/');
            var entry = new UstarTarEntry(folder ? TarEntryType.Directory : TarEntryType.RegularFile, path)
            {
                ModificationTime = DateTimeOffset.UnixEpoch,
                Mode = folder ? FolderMode : FileMode,
                Uid = 0,
                Gid = 0,
                UserName = "",
                GroupName = "",
            };
            if (folder)
            {
                writer.WriteEntry(entry);
                continue;
            }

            using var content = files[path].Open();
            entry.DataStream = content;
            writer.WriteEntry(entry);
        }
    }

    /// <summary>The archive paths of a file's parent folders, outermost first (<c>model/a/b.bin</c> → <c>model</c>, <c>model/a</c>).</summary>
    private static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    private static string Checked(string path)
    {
        var segments = path.Split('/');
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || segments.Any(s => s is "" or "." or ".."))
        {
            throw new PackageException($"'{path}' cannot be an archive path: it must be relative, with '/' between non-empty names and no '.' or '..'");
        }

        if (System.Text.Encoding.UTF8.GetByteCount(path) > 255)
        {
            throw new PackageException($"'{path}' is longer than the 255 bytes a ustar archive path can hold");
        }

        return path;
    }
}
