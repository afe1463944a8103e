using System.Formats.Tar;
using System.Security.Cryptography;

namespace LlmOps.Packaging;

/// <summary>
/// A package directory opened for reading: its record (<c>package.json</c>) and the archive's manifest. Opening reads
/// only those; <see cref="ExtractTo"/> checks every file's hash as it extracts. Trust (digest, signature, BOM) is
/// <see cref="PackageVerifier"/>'s job.
/// </summary>
public sealed class PackageContents
{
    private PackageContents(string directory, PackageRecord record, PackageManifest manifest)
    {
        Directory = directory;
        Record = record;
        Manifest = manifest;
    }

    /// <summary>The package directory.</summary>
    public string Directory { get; }

    /// <summary>The package's name.</summary>
    public string Name => Record.Name;

    /// <summary>The package's version.</summary>
    public string Version => Record.Version;

    /// <summary>The archive's digest as <c>package.json</c> states it, <c>sha256:&lt;hex&gt;</c>.</summary>
    public string Digest => Record.Digest;

    /// <summary>The whole of <c>package.json</c>.</summary>
    public PackageRecord Record { get; }

    /// <summary>The archive's manifest.</summary>
    public PackageManifest Manifest { get; }

    /// <summary>Every file the manifest lists (everything in the archive but the manifest and folders).</summary>
    public IReadOnlyList<PackageFile> Files => Manifest.Files;

    /// <summary>The path of <c>package.tar</c>.</summary>
    public string ArchivePath => Path.Combine(Directory, PackageLayout.Archive);

    /// <summary>The path of <c>provenance.dsse.json</c>.</summary>
    public string ProvenancePath => Path.Combine(Directory, PackageLayout.Provenance);

    /// <summary>Opens the package in <paramref name="packageDirectory"/>.</summary>
    /// <exception cref="PackageException">A file is missing or unreadable, or the archive has no manifest.</exception>
    public static PackageContents Open(string packageDirectory)
    {
        ArgumentNullException.ThrowIfNull(packageDirectory);
        var directory = Path.GetFullPath(packageDirectory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new PackageException($"{directory}: no such package directory");
        }

        var record = PackageJson.Read<PackageRecord>(Path.Combine(directory, PackageLayout.Record));
        var archive = Path.Combine(directory, PackageLayout.Archive);
        var manifest = ReadEntry(archive, PackageLayout.Manifest) is { } bytes
            ? PackageJson.Read<PackageManifest>(bytes, $"{archive}: {PackageLayout.Manifest}")
            : throw new PackageException($"{archive}: no {PackageLayout.Manifest} entry");
        return new PackageContents(directory, record, manifest);
    }

    /// <summary>The bytes of the archive entry at <paramref name="path"/>, or null when there is none (for small entries: the card, the BOM).</summary>
    public byte[]? Read(string path) => ReadEntry(ArchivePath, path);

    /// <summary>
    /// Extracts every file into <paramref name="directory"/> (created), checking each against the manifest as it is
    /// written. A file is written under a temporary name and renamed only when its hash matches.
    /// </summary>
    /// <exception cref="PackageException">A file's size or hash differs from the manifest, the archive holds a file the manifest does not list, or a listed file is missing; the message names the file.</exception>
    public void ExtractTo(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Walk(Path.GetFullPath(directory));
    }

    /// <summary>Checks every file against the manifest as <see cref="ExtractTo"/> does, writing nothing.</summary>
    /// <exception cref="PackageException">As for <see cref="ExtractTo"/>.</exception>
    public void CheckFiles() => Walk(null);

    private void Walk(string? target)
    {
        if (target is not null)
        {
            System.IO.Directory.CreateDirectory(target);
        }

        var expected = Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var stream = OpenArchive(ArchivePath);
        using var reader = new TarReader(stream);
        foreach (var entry in Entries(reader))
        {
            if (entry.EntryType == TarEntryType.Directory || entry.Name == PackageLayout.Manifest)
            {
                continue;
            }

            if (!expected.TryGetValue(entry.Name, out var file))
            {
                throw new PackageException($"{ArchivePath}: '{entry.Name}' is in the archive but not in its manifest");
            }

            var path = target is null ? null : Path.GetFullPath(Path.Combine(target, entry.Name));
            if (path is not null && !path.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new PackageException($"{ArchivePath}: '{entry.Name}' would be extracted outside {target}");
            }

            var partial = path is null ? null : path + ".partial";
            var sha = Extract(entry, partial);
            if (sha != file.Sha256 || entry.Length != file.Size)
            {
                if (partial is not null)
                {
                    File.Delete(partial);
                }

                throw new PackageException($"{ArchivePath}: '{entry.Name}' does not match the manifest (sha256 {sha}, {entry.Length} bytes; the manifest says {file.Sha256}, {file.Size} bytes)");
            }

            if (path is not null)
            {
                File.Move(partial!, path, overwrite: true);
            }

            seen.Add(entry.Name);
        }

        if (expected.Keys.FirstOrDefault(p => !seen.Contains(p)) is { } missing)
        {
            throw new PackageException($"{ArchivePath}: '{missing}' is in the manifest but not in the archive");
        }
    }

    // Hashes the entry's data, writing it to path when there is one (null: only hash).
    private static string Extract(TarEntry entry, string? path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (path is not null)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        using (var output = path is null ? Stream.Null : File.Create(path))
        {
            if (entry.DataStream is { } data)
            {
                var buffer = new byte[1 << 20];
                for (var read = data.Read(buffer); read > 0; read = data.Read(buffer))
                {
                    hash.AppendData(buffer, 0, read);
                    output.Write(buffer, 0, read);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private IEnumerable<TarEntry> Entries(TarReader reader)
    {
        while (true)
        {
            TarEntry? entry;
            try
            {
                entry = reader.GetNextEntry();
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw new PackageException($"{ArchivePath}: not a readable tar archive ({e.Message})", e);
            }

            if (entry is null)
            {
                yield break;
            }

            yield return entry;
        }
    }

    internal static byte[]? ReadEntry(string archive, string path)
    {
        using var stream = OpenArchive(archive);
        using var reader = new TarReader(stream);
        try
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.Name == path && entry.DataStream is { } data)
                {
                    using var copy = new MemoryStream();
                    data.CopyTo(copy);
                    return copy.ToArray();
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new PackageException($"{archive}: not a readable tar archive ({e.Message})", e);
        }

        return null;
    }

    private static FileStream OpenArchive(string archive)
    {
        try
        {
            return new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PackageException($"{archive}: missing", e);
        }
    }
}
