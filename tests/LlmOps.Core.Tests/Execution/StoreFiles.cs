namespace LlmOps.Core.Tests.Execution;

/// <summary>Ways a test damages the store on disk, as a user, a stage or a disk could.</summary>
internal static class StoreFiles
{
    public static string Tree(TempRepo repo, string hash) => Path.Combine(repo.StateDirectory, "store", "trees", hash);

    /// <summary>Opens a read-only folder up for the test's own writes (root would not need it; other users do).</summary>
    public static void Writable(string folder)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Changes bytes in place, keeping size, mtime and inode: what bit rot does.</summary>
    public static void Rot(string file)
    {
        var mtime = File.GetLastWriteTimeUtc(file);
        _ = new FileInfo(file) { IsReadOnly = false };
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
        {
            var first = stream.ReadByte();
            stream.Position = 0;
            stream.WriteByte((byte)(first ^ 0x20));
        }

        File.SetLastWriteTimeUtc(file, mtime);
        _ = new FileInfo(file) { IsReadOnly = true };
    }

    public static string CacheEntry(TempRepo repo, string key) => Path.Combine(repo.StateDirectory, "cache", "entries", key + ".json");
}
