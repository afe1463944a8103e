namespace LlmOps.Core.Tests.Execution;

/// <summary>An artifact's hash depends only on relative paths and bytes, so equal results cache as one.</summary>
public sealed class StoreHashTests
{
    [Fact]
    public void Write_order_times_and_modes_do_not_change_an_artifacts_hash_but_bytes_and_names_do()
    {
        using var repo = new TempRepo();
        var store = new ArtifactStore(repo.Path("store"), FileHashCache.Load(repo.Path("hashes.json")));
        string Ingest(string name, IEnumerable<(string Path, string Content)> files, DateTime time, bool executable)
        {
            var staging = repo.Path(name);
            foreach (var (path, content) in files)
            {
                var full = Path.Combine(staging, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content);
                File.SetLastWriteTime(full, time);
                if (executable && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            return store.Ingest(staging, "model", ModelArtifact.KindName).Hash;
        }

        var first = Ingest("a", [("w/2.bin", "two"), ("w/1.bin", "one"), ("config.json", "{}")], new DateTime(2020, 1, 1), executable: false);
        var second = Ingest("b", [("config.json", "{}"), ("w/1.bin", "one"), ("w/2.bin", "two")], new DateTime(2025, 5, 5), executable: true);
        var otherBytes = Ingest("c", [("config.json", "{ }"), ("w/1.bin", "one"), ("w/2.bin", "two")], new DateTime(2020, 1, 1), executable: false);
        var otherName = Ingest("d", [("config.json", "{}"), ("w/1.bin", "one"), ("w/3.bin", "two")], new DateTime(2020, 1, 1), executable: false);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherBytes);
        Assert.NotEqual(first, otherName);
    }
}
