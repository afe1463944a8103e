using System.Globalization;
using System.IO.Compression;

namespace LlmOps.Dsl;

/// <summary>
/// Zip archives whose bytes depend only on the entries' names and contents: entries in ordinal order of their names,
/// one fixed timestamp (1980-01-01, or <c>SOURCE_DATE_EPOCH</c> when set), fixed permissions (0644, or 0755 for an
/// executable) and one compression level. A stage that writes an archive this way gives the store the same hash for
/// the same result, so an unchanged result leaves the stages after it cached. Every archive is written to a temporary
/// file in the destination folder, flushed to disk and renamed into place, so a reader never sees a torn archive.
/// </summary>
/// <remarks>
/// Hand-written on <see cref="System.IO.Compression"/> because no package served to this project normalizes
/// archives, and <see cref="ZipArchive"/> alone stamps each entry with the time it was written (ML.NET's
/// <c>Model.Save</c> does exactly that). The bytes are stable for one .NET runtime on one OS family: compressed data
/// comes from the runtime's zlib, and .NET records the writing OS in each entry's "version made by", which it does
/// not let a caller set. <see cref="CompressionLevel.NoCompression"/> removes the zlib dependence (useful for weights,
/// which barely compress). Entry and archive comments are dropped; <see cref="CreateFromDirectory"/> records no empty
/// folders, as the artifact store keeps none.
/// </remarks>
public static class StableZip
{
    /// <summary>The entry timestamp when <c>SOURCE_DATE_EPOCH</c> is not set: the earliest a zip entry can carry.</summary>
    public static readonly DateTimeOffset DefaultTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The reproducible-builds variable (seconds since the Unix epoch, UTC) that overrides <see cref="DefaultTimestamp"/>.</summary>
    public const string SourceDateEpochVariable = "SOURCE_DATE_EPOCH";

    // Zip stores the Unix mode (file type and permissions) in the high 16 bits of an entry's external attributes.
    private const int RegularFile = 0x81A4 << 16;    // -rw-r--r--
    private const int ExecutableFile = 0x81ED << 16; // -rwxr-xr-x
    private const int AnyExecuteBit = 0x49 << 16;    // --x--x--x
    private const int Folder = 0x41ED << 16;         // drwxr-xr-x

    // DOS dates end in 2107 and count seconds in steps of two.
    private static readonly DateTimeOffset LatestTimestamp = new(2107, 12, 31, 23, 59, 58, TimeSpan.Zero);

    /// <summary>
    /// The timestamp every entry gets: <c>SOURCE_DATE_EPOCH</c> (clamped to what a zip entry can hold) when set,
    /// else <see cref="DefaultTimestamp"/>. Read on each call, so a pipeline can set it per run; it is not part of
    /// a stage's cache key unless the stage declares it with <c>.Environment("SOURCE_DATE_EPOCH")</c>.
    /// </summary>
    /// <exception cref="StageFailedException">The variable is set but is not a number of seconds.</exception>
    public static DateTimeOffset Timestamp
    {
        get
        {
            var value = System.Environment.GetEnvironmentVariable(SourceDateEpochVariable);
            if (string.IsNullOrEmpty(value))
            {
                return DefaultTimestamp;
            }

            // The reproducible-builds specification asks tools to fail on a malformed value rather than guess.
            if (!value.All(char.IsAsciiDigit))
            {
                throw new StageFailedException($"{SourceDateEpochVariable}='{value}' is not a number of seconds since 1970-01-01 UTC");
            }

            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > LatestTimestamp.ToUnixTimeSeconds())
            {
                return LatestTimestamp;
            }

            var time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return time < DefaultTimestamp ? DefaultTimestamp : time;
        }
    }

    /// <summary>Rewrites the archive at <paramref name="path"/> in place in the stable form.</summary>
    /// <exception cref="InvalidDataException">The file is not a zip archive, or two entries have the same name.</exception>
    public static void Normalize(string path, CompressionLevel level = CompressionLevel.Optimal) => Normalize(path, path, level);

    /// <summary>Writes the entries of the archive <paramref name="source"/> to <paramref name="destination"/> in the stable form.</summary>
    /// <exception cref="InvalidDataException">The source is not a zip archive, or two entries have the same name.</exception>
    public static void Normalize(string source, string destination, CompressionLevel level = CompressionLevel.Optimal)
    {
        var timestamp = Timestamp;
        using var input = ZipFile.OpenRead(source);
        var entries = input.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
        if (entries.Zip(entries.Skip(1)).FirstOrDefault(p => p.First.FullName == p.Second.FullName) is ({ } duplicate, _))
        {
            throw new InvalidDataException($"{source}: two entries are named '{duplicate.FullName}', so the archive has no single stable form");
        }

        WriteAtomically(destination, output =>
        {
            foreach (var entry in entries)
            {
                var executable = (entry.ExternalAttributes & AnyExecuteBit) != 0;
                using var from = entry.Open();
                Add(output, entry.FullName, from, executable, level, timestamp);
            }
        });
    }

    /// <summary>
    /// Archives every file under <paramref name="directory"/> (names relative to it, with '/') into
    /// <paramref name="destination"/> in the stable form; an archive already at the destination is not included.
    /// </summary>
    public static void CreateFromDirectory(string directory, string destination, CompressionLevel level = CompressionLevel.Optimal)
    {
        var timestamp = Timestamp;
        var root = Path.GetFullPath(directory);
        var target = Path.GetFullPath(destination);

        // Listed before the temporary archive exists, so it never archives itself.
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !string.Equals(Path.GetFullPath(f), target, StringComparison.Ordinal))
            .Select(f => (Path: f, Name: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        WriteAtomically(destination, output =>
        {
            foreach (var (path, name) in files)
            {
                var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
                using var from = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                Add(output, name, from, executable, level, timestamp);
            }
        });
    }

    private static void Add(ZipArchive archive, string name, Stream content, bool executable, CompressionLevel level, DateTimeOffset timestamp)
    {
        var entry = archive.CreateEntry(name, level);
        entry.LastWriteTime = timestamp;
        entry.ExternalAttributes = name.EndsWith('/') ? Folder : executable ? ExecutableFile : RegularFile;
        using var to = entry.Open();
        content.CopyTo(to);
    }

    private static void WriteAtomically(string destination, Action<ZipArchive> write)
    {
        var full = Path.GetFullPath(destination);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{System.Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    write(archive);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
