using System.Text.RegularExpressions;

namespace LlmOps.Execution;

/// <summary>
/// Removes what killed writes leave behind: AtomicFile's <c>.&lt;name&gt;.&lt;pid&gt;.&lt;guid&gt;.tmp</c> beside
/// manifests, refs, cache entries and run records; half-made or half-deleted trees (<c>trees/.&lt;hash&gt;.&lt;pid&gt;.&lt;guid&gt;</c>);
/// import staging folders and export folders in progress. Every such name carries the writer's process id, and only
/// names whose process is gone are removed, so a write in progress in another process is left alone. A store shared
/// with other machines (pods on one claim) holds writes of processes this machine cannot see: there only what is a
/// day old goes.
/// </summary>
public static partial class StaleTempSweeper
{
    /// <summary>How old a temporary entry in a shared store must be before it counts as left behind: no write takes a day.</summary>
    public static readonly TimeSpan SharedStoreGrace = TimeSpan.FromDays(1);

    /// <summary>Sweeps the state folder (and <paramref name="exportDirectory"/> when given); returns how many entries were removed.</summary>
    /// <param name="state">The state folder.</param>
    /// <param name="exportDirectory">The run's export folder, if any.</param>
    /// <param name="sharedStore">Whether the store and cache are shared with processes on other machines (<see cref="ExecutionOptions.SharedStore"/>).</param>
    public static int Sweep(StateLayout state, string? exportDirectory = null, bool sharedStore = false)
    {
        var store = state.Store;
        var folders = new List<string>
        {
            Path.Combine(store, "manifests"), Path.Combine(store, "trees"), Path.Combine(store, "tmp"),
            state.Cache, Path.Combine(state.Cache, "entries"), Path.Combine(state.Cache, "stages"), state.Export, state.Root,
        };
        folders.AddRange(Subfolders(Path.Combine(store, "refs")));
        folders.AddRange(Subfolders(state.Runs));
        if (exportDirectory is not null)
        {
            folders.Add(exportDirectory);
        }

        var removed = 0;
        string[] shared = sharedStore ? [state.Store, state.Cache] : [];
        foreach (var folder in folders.Distinct().Where(Directory.Exists))
        {
            var elsewhere = shared.Any(root => folder == root || folder.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
            {
                if (TempName().Match(Path.GetFileName(entry)) is { Success: true } match && !ProcessLiveness.IsAlive(int.Parse(match.Groups["pid"].Value))
                    && (!elsewhere || DateTime.UtcNow - LastWrite(entry) > SharedStoreGrace) && TryRemove(entry))
                {
                    removed++;
                }
            }
        }

        return removed;
    }

    private static DateTime LastWrite(string entry) =>
        (Directory.Exists(entry) ? new DirectoryInfo(entry) : (FileSystemInfo)new FileInfo(entry)).LastWriteTimeUtc;

    private static IEnumerable<string> Subfolders(string root) =>
        Directory.Exists(root) ? Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root) : [];

    private static bool TryRemove(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                FileModes.MakeFoldersWritable(path);
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // ".<name>.<pid>.<guid>.tmp" (AtomicFile), ".<hash>.<pid>.<guid>[.stale]" (trees), "import-<pid>.<guid>" (store/tmp),
    // "<name>.<pid>.<guid>.tmp" (export folders).
    [GeneratedRegex(@"^(?:\..+\.(?<pid>[0-9]{1,9})\.[0-9a-f]{32}(?:\.tmp|\.stale)?|import-(?<pid>[0-9]{1,9})\.[0-9a-f]{32}|.+\.(?<pid>[0-9]{1,9})\.[0-9a-f]{32}\.tmp)$")]
    private static partial Regex TempName();
}
