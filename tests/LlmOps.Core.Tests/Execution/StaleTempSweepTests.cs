using System.Diagnostics;
using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

/// <summary>What killed writes leave in the state folder goes at the next start; writes of live processes stay.</summary>
public sealed class StaleTempSweepTests
{
    [Fact]
    public void A_run_removes_temp_files_of_dead_writers_everywhere_and_keeps_those_of_live_ones()
    {
        using var cache = new CacheRepo();
        var exports = cache.Repo.Path("exports");
        cache.Run("Report", "--export", exports);
        var dead = DeadPid();
        var live = Environment.ProcessId;
        var state = cache.Repo.StateDirectory;
        string Guid() => System.Guid.NewGuid().ToString("N");
        var hash = cache.Stage("Prepare").Outputs["prepared"];
        var files = new[]
        {
            $"store/manifests/.{hash}.json.{{0}}.{Guid()}.tmp",
            $"store/refs/Cache/.model.{{0}}.{Guid()}.tmp",
            $"cache/entries/.{hash}.json.{{0}}.{Guid()}.tmp",
            $"cache/stages/.Cache.Train.json.{{0}}.{Guid()}.tmp",
            $"store/trees/.{hash}.json.{{0}}.{Guid()}.tmp",
        };
        var folders = new[] { $"store/trees/.{hash}.{{0}}.{Guid()}", $"store/trees/.{hash}.{{0}}.{Guid()}.stale", $"store/tmp/import-{{0}}.{Guid()}" };
        var planted = new List<(string Path, bool Live)>();
        foreach (var pid in new[] { dead, live })
        {
            foreach (var file in files)
            {
                var path = Path.Combine(state, string.Format(file, pid));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, "half");
                planted.Add((path, pid == live));
            }

            foreach (var folder in folders.Select(f => Path.Combine(state, string.Format(f, pid))).Append(Path.Combine(exports, $"model.{pid}.{Guid()}.tmp")))
            {
                Directory.CreateDirectory(Path.Combine(folder, "sub"));
                File.WriteAllText(Path.Combine(folder, "sub", "part"), "half");
                if (!OperatingSystem.IsWindows())
                {
                    // Trees are read-only: the sweep must open them up to delete them.
                    File.SetUnixFileMode(Path.Combine(folder, "sub"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
                }
                planted.Add((folder, pid == live));
            }
        }

        cache.Run("Report", "--export", exports);

        Assert.Empty(planted.Where(p => !p.Live && (File.Exists(p.Path) || Directory.Exists(p.Path))).Select(p => p.Path));
        Assert.All(planted.Where(p => p.Live), p => Assert.True(File.Exists(p.Path) || Directory.Exists(p.Path), p.Path));
        Assert.True(File.Exists(Path.Combine(state, "store", "manifests", hash + ".json")));
        Assert.Equal(StageStatus.Cached, cache.Status("Train"));
    }

    private static int DeadPid()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
