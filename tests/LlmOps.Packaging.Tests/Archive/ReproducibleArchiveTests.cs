using System.Formats.Tar;

namespace LlmOps.Packaging.Tests.Archive;

public sealed class ReproducibleArchiveTests
{
    [Fact]
    public void The_same_inputs_packaged_twice_in_other_folders_at_other_times_give_the_same_archive_bytes()
    {
        using var first = new TestPackages();
        using var second = new TestPackages();
        using var key = SigningKey.Generate();
        var a = first.Build(key, startedOn: DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Thread.Sleep(1100); // a second later: any time stamp that leaked into the archive would differ
        File.SetLastWriteTimeUtc(Path.Combine(second.ModelDirectory, "config.json"), DateTime.UtcNow.AddDays(-3));
        var b = second.Build(key, startedOn: DateTimeOffset.UtcNow);

        var bytesA = File.ReadAllBytes(Path.Combine(a, PackageLayout.Archive));
        var bytesB = File.ReadAllBytes(Path.Combine(b, PackageLayout.Archive));
        Assert.Equal(bytesA, bytesB);
        Assert.Equal(PackageContents.Open(a).Digest, PackageContents.Open(b).Digest);
    }

    [Fact]
    public void Archive_entries_are_sorted_with_zero_times_owners_and_fixed_modes()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var output = packages.Build(key);
        using var reader = new TarReader(File.OpenRead(Path.Combine(output, PackageLayout.Archive)));
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add(entry);
        }

        var names = entries.Select(e => e.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("model/weights/model.bin", names);
        Assert.Contains("evidence/verdict.json", names);
        Assert.Contains("evidence/validation/support-splits/validation-report.json", names);
        Assert.Contains(PackageLayout.ModelCard, names);
        Assert.Contains(PackageLayout.Bom, names);
        Assert.Contains(PackageLayout.Manifest, names);
        Assert.All(entries, e =>
        {
            Assert.Equal(DateTimeOffset.UnixEpoch, e.ModificationTime);
            Assert.Equal(0, e.Uid);
            Assert.Equal(0, e.Gid);
            Assert.Equal(e.EntryType == TarEntryType.Directory ? Convert.ToInt32("755", 8) : Convert.ToInt32("644", 8), (int)e.Mode);
        });
    }

    [Fact]
    public void Extracting_checks_every_file_against_the_manifest()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var contents = PackageContents.Open(packages.Build(key));
        var target = Path.Combine(packages.Root, "extracted");
        contents.ExtractTo(target);

        Assert.Equal(File.ReadAllBytes(Path.Combine(packages.ModelDirectory, "weights", "model.bin")), File.ReadAllBytes(Path.Combine(target, "model", "weights", "model.bin")));
        Assert.Equal("support-intent", contents.Name);
        Assert.StartsWith("v-", contents.Version, StringComparison.Ordinal);
        Assert.DoesNotContain(contents.Files, f => f.Path == PackageLayout.Manifest);
    }

    [Fact]
    public void A_model_changed_after_the_gate_blessed_it_is_refused_naming_the_gate()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        File.AppendAllText(Path.Combine(packages.ModelDirectory, "config.json"), " ");

        var error = Assert.Throws<PackageException>(() => packages.Build(key));
        Assert.Contains("are not the ones gate Support.Evaluate passed", error.Message, StringComparison.Ordinal);
    }
}
