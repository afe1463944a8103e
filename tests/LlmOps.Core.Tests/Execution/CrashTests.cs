using System.Diagnostics;
using LlmOps.Core.Tests.CrashChild;

namespace LlmOps.Core.Tests.Execution;

/// <summary>
/// A real child process runs <see cref="CrashPipeline"/> and is killed with SIGKILL while its stage has written part
/// of its output. Nothing half-written may be visible in the store, and later runs must complete.
/// </summary>
public sealed class CrashTests
{
    private static readonly string Child = Path.Combine(AppContext.BaseDirectory, "LlmOps.Core.Tests.CrashChild.dll");

    /// <summary>Starts the child, waits until the stage is mid-write, checks the lock, kills it; returns the killed run's id.</summary>
    private static Task<string> KillMidStage(TempRepo repo) => StopMidStage(repo, terminate: false);

    private static async Task<string> StopMidStage(TempRepo repo, bool terminate)
    {
        if (!File.Exists(Child))
        {
            Assert.Skip($"The crash child was not built next to the tests ({Child}).");
        }

        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Child, "Check", "--root", repo.Root, "--parallel", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = new ConcurrentWriter();
        process.OutputDataReceived += (_, e) => output.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => output.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!repo.Exists("write-started") && !process.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, ct);
            }

            Assert.True(repo.Exists("write-started"), $"the child never reached the blocking stage:\n{output.Text}");

            // While the child is blocked it holds the repository lock: a second run is refused with code 3.
            var locked = repo.Run(typeof(CrashPipeline), "Check", "--lock-wait", "0");
            Assert.Equal(3, locked.ExitCode);
            Assert.Contains($"(pid {process.Id})", locked.Error);
        }
        finally
        {
            if (terminate)
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
                await kill.WaitForExitAsync(ct);
                using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
                patience.CancelAfter(TimeSpan.FromSeconds(30));
                await process.WaitForExitAsync(patience.Token);
            }
            else
            {
                process.Kill();
                await process.WaitForExitAsync(ct);
            }
        }

        Assert.Equal(terminate ? 130 : 137, process.ExitCode);
        return Assert.Single(repo.Runs.RunIds());
    }

    private static void AssertNothingHalfWrittenIsVisible(TempRepo repo, string killedRun)
    {
        var store = Path.Combine(repo.StateDirectory, "store");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store, "manifests")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store, "objects"), "*", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(store, "refs")));
        Assert.False(Directory.Exists(Path.Combine(store, "trees")));
        Assert.False(Directory.Exists(Path.Combine(repo.StateDirectory, "cache", "entries")));

        // The half-written file exists only in the killed run's private temp folder.
        var partial = Path.Combine(repo.StateDirectory, "tmp", killedRun, "Crash.Write", "out", "crash-data", "second.txt");
        Assert.Equal(CrashPipeline.SecondFile[..(CrashPipeline.SecondFile.Length / 2)], File.ReadAllText(partial));

        var record = repo.Runs.Load(killedRun)!;
        Assert.Equal(RunStatus.Interrupted, record.Status);
        var write = record.Stages.Single(s => s.Id == "Crash.Write");
        Assert.Equal(StageStatus.Cancelled, write.Status);
        Assert.Equal("the process running it was killed", write.Reason);
        Assert.Equal(StageStatus.Pending, record.Stages.Single(s => s.Id == "Crash.Check").Status);
    }

    private static void AssertCompletedCorrectly(TempRepo repo, AppResult result, string killedRun)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(repo.Exists("check-passed"));
        var run = repo.LatestRun();
        Assert.NotEqual(killedRun, run.RunId);
        Assert.All(run.Stages, s => Assert.Equal(StageStatus.Succeeded, s.Status));
        Assert.False(Directory.Exists(Path.Combine(repo.StateDirectory, "tmp", killedRun)));
        var hash = run.Stages.Single(s => s.Id == "Crash.Write").Outputs["crash-data"];
        var manifest = ArtifactManifest.Parse(File.ReadAllText(Path.Combine(repo.StateDirectory, "store", "manifests", hash + ".json")))!;
        Assert.Equal(["first.txt", "second.txt"], manifest.Files.Select(f => f.Path));
        Assert.Equal(CrashPipeline.SecondFile.Length, manifest.Files[1].Size);
    }

    [Fact]
    public async Task A_run_killed_mid_stage_leaves_nothing_half_written_and_the_next_run_completes()
    {
        using var repo = new TempRepo();
        var killed = await KillMidStage(repo);

        AssertNothingHalfWrittenIsVisible(repo, killed);
        repo.Write("release", "");
        var next = repo.Run(typeof(CrashPipeline), "Check", "--lock-wait", "0");

        AssertCompletedCorrectly(repo, next, killed);
        Assert.Equal("ran: never run before", repo.Stage(repo.LatestRun(), "Crash.Write").Reason);
    }

    [Fact]
    public async Task A_run_killed_mid_stage_is_resumed_by_continue()
    {
        using var repo = new TempRepo();
        var killed = await KillMidStage(repo);

        repo.Write("release", "");
        var resumed = repo.Run(typeof(CrashPipeline), "--continue", "--lock-wait", "0");

        Assert.Contains($"Continuing run {killed} (interrupted)", resumed.Output);
        AssertCompletedCorrectly(repo, resumed, killed);
        var again = repo.Run(typeof(CrashPipeline), "--continue");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("succeeded; there is nothing to continue", again.Error);
    }

    [Fact]
    public async Task A_run_stopped_with_SIGTERM_exits_130_and_is_recorded_as_interrupted()
    {
        using var repo = new TempRepo();

        var stopped = await StopMidStage(repo, terminate: true);

        var record = repo.Runs.Load(stopped)!;
        Assert.Equal(RunStatus.Interrupted, record.Status);
        Assert.Equal(StageStatus.Cancelled, record.Stages.Single(s => s.Id == "Crash.Write").Status);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(repo.StateDirectory, "store", "manifests")));
        Assert.False(Directory.Exists(Path.Combine(repo.StateDirectory, "tmp", stopped)));
    }
}
