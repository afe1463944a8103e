using System.Diagnostics;

namespace LlmOps.Core.Tests.Execution;

/// <summary>A downloaded artifact is untrusted: anything but the expected artifact's plain files is refused, by name.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly TempRepo _repo = new();
    private readonly ArtifactStore _target;
    private readonly string _download;

    public ImportTests()
    {
        var source = new ArtifactStore(_repo.Path("source"), FileHashCache.Load(_repo.Path("source-hashes.json")));
        _repo.Write("staging/rows.txt", "a\nb\n");
        _repo.Write("staging/nested/more.txt", "c\n");
        var (hash, _) = source.Ingest(_repo.Path("staging"), "rows", DatasetArtifact.KindName);
        _download = _repo.Path("download/rows");
        source.Export(hash, _download);
        _target = new ArtifactStore(_repo.Path("target"), FileHashCache.Load(_repo.Path("target-hashes.json")));
    }

    private string ManifestPath => Path.Combine(_download, ArtifactManifest.ExportFileName);

    private ArtifactManifest Manifest => ArtifactManifest.Parse(File.ReadAllText(ManifestPath))!;

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void An_intact_download_is_imported()
    {
        var hash = _target.Import(_download, "rows", DatasetArtifact.KindName);

        Assert.Null(_target.Verify(hash, "rows", DatasetArtifact.KindName));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void A_file_replaced_by_a_link_to_an_outside_file_with_the_same_bytes_is_refused()
    {
        _repo.Write("outside.txt", "a\nb\n");
        File.Delete(Path.Combine(_download, "rows.txt"));
        File.CreateSymbolicLink(Path.Combine(_download, "rows.txt"), _repo.Path("outside.txt"));

        AssertRefused("rows.txt is a symbolic link; only plain files are imported");
    }

    [Fact]
    public void A_folder_replaced_by_a_link_is_refused()
    {
        Directory.Move(Path.Combine(_download, "nested"), _repo.Path("elsewhere"));
        Directory.CreateSymbolicLink(Path.Combine(_download, "nested"), _repo.Path("elsewhere"));

        AssertRefused("nested is a link or not a folder; only plain files are imported");
    }

    [Fact]
    public async Task A_fifo_in_place_of_a_file_is_refused_without_blocking()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("FIFOs are a Unix file type.");
        }

        var file = Path.Combine(_download, "nested", "more.txt");
        File.Delete(file);
        using (var mkfifo = Process.Start("mkfifo", file))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var import = Task.Run(() => Assert.Throws<InvalidDataException>(() => _target.Import(_download, "rows", DatasetArtifact.KindName)), TestContext.Current.CancellationToken);

        var finished = await Task.WhenAny(import, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(finished == import, "the import blocked on the FIFO");
        Assert.EndsWith("nested/more.txt is a special file (device, FIFO or socket); only plain files are imported", (await import).Message);
    }

    [Fact]
    public void A_file_listed_twice_is_refused_and_leaves_no_staging_folder()
    {
        Rewrite(Manifest with { Files = [.. Manifest.Files, Manifest.Files[0]] });

        AssertRefused($"file {Manifest.Files[0].Path} is listed twice");
    }

    [Theory]
    [InlineData("other", "dataset", "the manifest does not match: it holds artifact 'other' (dataset), not 'rows' (dataset)")]
    [InlineData("rows", "model", "the manifest does not match: it holds artifact 'rows' (model), not 'rows' (dataset)")]
    public void A_manifest_for_another_artifact_is_refused(string name, string kind, string expected)
    {
        Rewrite(Manifest with { Name = name, Kind = kind });

        AssertRefused(expected);
    }

    [Fact]
    public void A_size_that_disagrees_with_the_manifest_is_refused()
    {
        Rewrite(Manifest with { Files = [.. Manifest.Files.Select(f => f.Path == "rows.txt" ? f with { Size = 1 } : f)] });

        AssertRefused("rows.txt has 4 bytes, the manifest says 1; the download is incomplete or was altered");
    }

    [Fact]
    public void A_manifest_without_files_is_refused()
    {
        Rewrite(Manifest with { Files = [] });

        AssertRefused("the manifest lists no files");
    }

    private void Rewrite(ArtifactManifest manifest) => File.WriteAllText(ManifestPath, manifest.ToJson());

    private void AssertRefused(string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => _target.Import(_download, "rows", DatasetArtifact.KindName));

        Assert.Equal($"{ManifestPath}: artifact 'rows': {expected}", error.Message);
        Assert.Empty(Leftovers());
        Assert.False(Directory.Exists(Path.Combine(_target.Root, "manifests")) && Directory.EnumerateFiles(Path.Combine(_target.Root, "manifests")).Any());
    }

    private IEnumerable<string> Leftovers()
    {
        var tmp = Path.Combine(_target.Root, "tmp");
        return Directory.Exists(tmp) ? Directory.EnumerateFileSystemEntries(tmp) : [];
    }
}
