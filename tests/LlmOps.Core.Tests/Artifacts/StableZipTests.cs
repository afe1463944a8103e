using System.IO.Compression;

namespace LlmOps.Core.Tests.Artifacts;

/// <summary>Archives written by <see cref="StableZip"/> depend only on entry names and contents.</summary>
public sealed class StableZipTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "llmops-stablezip-tests", Guid.NewGuid().ToString("N")[..12]);

    public StableZipTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Same_entries_with_other_timestamps_order_modes_and_levels_give_identical_bytes()
    {
        var a = Zip("a.zip", [("model/weights.bin", "0123456789"), ("Schema", "s"), ("model/", null)], new DateTime(2021, 3, 4, 5, 6, 8), CompressionLevel.Fastest, 0x81B6 << 16);
        var b = Zip("b.zip", [("Schema", "s"), ("model/", null), ("model/weights.bin", "0123456789")], new DateTime(2025, 11, 30, 23, 0, 2), CompressionLevel.SmallestSize, 0);
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(b));

        StableZip.Normalize(a);
        StableZip.Normalize(b);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Different_contents_or_names_still_differ()
    {
        var original = Zip("original.zip", [("a.txt", "hello")]);
        var otherBytes = Zip("bytes.zip", [("a.txt", "hellO")]);
        var otherName = Zip("name.zip", [("b.txt", "hello")]);
        foreach (var path in new[] { original, otherBytes, otherName })
        {
            StableZip.Normalize(path);
        }

        Assert.NotEqual(File.ReadAllBytes(original), File.ReadAllBytes(otherBytes));
        Assert.NotEqual(File.ReadAllBytes(original), File.ReadAllBytes(otherName));
    }

    [Fact]
    public void The_normalized_archive_opens_with_sorted_entries_the_fixed_timestamp_and_fixed_modes()
    {
        var path = Zip("model.zip", [("z.txt", "last"), ("A.txt", "first"), ("m/x.bin", "middle")]);

        StableZip.Normalize(path);

        using var archive = ZipFile.OpenRead(path);
        Assert.Equal(["A.txt", "m/x.bin", "z.txt"], archive.Entries.Select(e => e.FullName));
        Assert.All(archive.Entries, e => Assert.Equal(StableZip.DefaultTimestamp.DateTime, e.LastWriteTime.DateTime));
        Assert.All(archive.Entries, e => Assert.Equal(0x81A4, (e.ExternalAttributes >> 16) & 0xFFFF));
        Assert.Equal("middle", Read(archive.GetEntry("m/x.bin")!));
        Assert.Empty(Directory.EnumerateFiles(_root, "*.tmp"));
    }

    [Fact]
    public void Timestamp_is_stored_as_1980_01_01_in_every_local_header_whatever_the_time_zone()
    {
        var path = Zip("header.zip", [("a", "1")]);

        StableZip.Normalize(path);

        // Local header: signature, version, flags, method, then DOS time (0) and DOS date (day 1, month 1, year 0).
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, bytes[..4]);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x21, 0x00 }, bytes[10..14]);
    }

    [Fact]
    public void A_folder_archived_twice_with_other_write_order_and_times_gives_identical_bytes()
    {
        var first = Folder("first", ["b/2.txt", "a.txt", "b/1.txt"], new DateTime(2022, 1, 1));
        var second = Folder("second", ["b/1.txt", "a.txt", "b/2.txt"], new DateTime(2024, 6, 6));

        StableZip.CreateFromDirectory(first, Path.Combine(_root, "first.zip"));
        StableZip.CreateFromDirectory(second, Path.Combine(_root, "second.zip"));

        Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "first.zip")), File.ReadAllBytes(Path.Combine(_root, "second.zip")));
        using var archive = ZipFile.OpenRead(Path.Combine(_root, "first.zip"));
        Assert.Equal(["a.txt", "b/1.txt", "b/2.txt"], archive.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void An_archive_written_into_the_folder_it_archives_leaves_itself_out()
    {
        var folder = Folder("self", ["data.txt"], new DateTime(2022, 1, 1));
        var target = Path.Combine(folder, "bundle.zip");

        StableZip.CreateFromDirectory(folder, target);
        StableZip.CreateFromDirectory(folder, target);

        using var archive = ZipFile.OpenRead(target);
        Assert.Equal(["data.txt"], archive.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void The_executable_bit_is_kept_and_other_permission_bits_are_not()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
            return;
        }

        var folder = Folder("modes", ["run.sh", "data.txt"], new DateTime(2022, 1, 1));
        File.SetUnixFileMode(Path.Combine(folder, "run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Path.Combine(folder, "data.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);

        StableZip.CreateFromDirectory(folder, Path.Combine(_root, "modes.zip"));

        using var archive = ZipFile.OpenRead(Path.Combine(_root, "modes.zip"));
        Assert.Equal(0x81A4, (archive.GetEntry("data.txt")!.ExternalAttributes >> 16) & 0xFFFF);
        Assert.Equal(0x81ED, (archive.GetEntry("run.sh")!.ExternalAttributes >> 16) & 0xFFFF);
    }

    [Fact]
    public void Duplicate_entry_names_are_refused_and_leave_the_archive_untouched()
    {
        var path = Zip("dup.zip", [("a", "1"), ("a", "2")]);
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<InvalidDataException>(() => StableZip.Normalize(path));

        Assert.Contains("'a'", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    private string Zip(string name, IReadOnlyList<(string Name, string? Content)> entries, DateTime? time = null, CompressionLevel level = CompressionLevel.Optimal, int attributes = 0)
    {
        var path = Path.Combine(_root, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, content) in entries)
        {
            var entry = archive.CreateEntry(entryName, level);
            entry.LastWriteTime = time ?? DateTime.Now;
            entry.ExternalAttributes = attributes;
            if (content is not null)
            {
                using var writer = new StreamWriter(entry.Open());
                writer.Write(content);
            }
        }

        return path;
    }

    private string Folder(string name, IReadOnlyList<string> files, DateTime time)
    {
        var folder = Path.Combine(_root, name);
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "content of " + file);
            File.SetLastWriteTime(path, time);
        }

        return folder;
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
