using System.Formats.Tar;
using System.Text.Json.Nodes;

namespace LlmOps.Packaging.Tests.Verification;

/// <summary>Ways to damage a package on disk, as an attacker or bit rot would.</summary>
internal static class TamperedPackages
{
    public static void FlipByte(string package, long offset)
    {
        using var stream = File.Open(Path.Combine(package, PackageLayout.Archive), FileMode.Open);
        stream.Position = offset;
        var value = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(value ^ 0x01));
    }

    /// <summary>Offset of the first data byte of the archive entry <paramref name="name"/>.</summary>
    public static long DataOffset(string package, string name)
    {
        using var stream = File.OpenRead(Path.Combine(package, PackageLayout.Archive));
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == name)
            {
                return stream.Position - RoundUp(entry.Length);
            }
        }

        throw new InvalidOperationException(name + " not in archive");
    }

    /// <summary>Rewrites the archive with <paramref name="name"/>'s bytes replaced, and optionally updates package.json's digest to match.</summary>
    public static void ReplaceEntry(string package, string name, Func<byte[], byte[]> change, bool updateRecord)
    {
        var archive = Path.Combine(package, PackageLayout.Archive);
        var entries = new List<ArchiveEntry>();
        using (var stream = File.OpenRead(archive))
        using (var reader = new TarReader(stream))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType == TarEntryType.Directory)
                {
                    continue;
                }

                using var copy = new MemoryStream();
                entry.DataStream?.CopyTo(copy);
                var bytes = entry.Name == name ? change(copy.ToArray()) : copy.ToArray();
                entries.Add(ArchiveEntry.FromBytes(entry.Name, bytes));
            }
        }

        using (var output = File.Create(archive))
        {
            ReproducibleTar.Write(entries, output);
        }

        if (updateRecord)
        {
            var record = JsonNode.Parse(File.ReadAllText(Path.Combine(package, PackageLayout.Record)))!;
            record["digest"] = "sha256:" + Sha256File.Of(archive);
            File.WriteAllText(Path.Combine(package, PackageLayout.Record), record.ToJsonString());
        }
    }

    private static long RoundUp(long length) => (length + 511) / 512 * 512;
}
