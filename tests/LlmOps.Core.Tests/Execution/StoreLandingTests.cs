namespace LlmOps.Core.Tests.Execution;

/// <summary>Files ingested from another file system reach the store by a rename inside it, never a copy onto an object's name.</summary>
public sealed class StoreLandingTests
{
    [Fact]
    public void Files_ingested_from_another_file_system_are_stored_whole_and_leave_nothing_in_the_stores_tmp()
    {
        using var repo = new TempRepo();
        // /dev/shm is a tmpfs where there is one, so the staging folder is on another file system than the store.
        var elsewhere = Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", $"llmops-landing-{Guid.NewGuid():N}") : repo.Path("elsewhere");
        Directory.CreateDirectory(Path.Combine(elsewhere, "w"));
        try
        {
            File.WriteAllText(Path.Combine(elsewhere, "w", "1.bin"), "weights");
            var store = new ArtifactStore(repo.Path("store"), FileHashCache.Load(repo.Path("hashes.json")));

            var (hash, manifest) = store.Ingest(elsewhere, "model", ModelArtifact.KindName);

            Assert.Equal("weights", File.ReadAllText(Path.Combine(store.Materialize(hash), "w", "1.bin")));
            Assert.Equal(7, manifest.Files.Single().Size);
            Assert.Empty(Directory.Exists(repo.Path("store/tmp")) ? Directory.EnumerateFileSystemEntries(repo.Path("store/tmp")) : []);
            Assert.False(File.Exists(Path.Combine(elsewhere, "w", "1.bin")), "the staging folder is consumed, as from the same file system");
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
