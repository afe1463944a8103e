using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

public sealed class LockTests
{
    [Fact]
    public void A_second_run_while_the_lock_is_held_exits_3_naming_the_holder()
    {
        using var repo = new TempRepo();
        using var held = RepoLock.Acquire(repo.StateDirectory, "holder-run", TimeSpan.Zero, _ => { }, TestContext.Current.CancellationToken);

        var result = repo.Run(typeof(WiringPipeline), "Use", "--lock-wait", "0");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Another LlmOps run holds", result.Error);
        Assert.Contains($"run holder-run (pid {Environment.ProcessId})", result.Error);
        Assert.Contains("--lock-wait <seconds>", result.Error);
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public async Task A_second_run_waits_for_the_lock_and_then_runs()
    {
        using var repo = new TempRepo();
        var held = RepoLock.Acquire(repo.StateDirectory, "holder-run", TimeSpan.Zero, _ => { }, TestContext.Current.CancellationToken);
        var output = new ConcurrentWriter();

        // RunAsync must hand back its task while it waits, or this thread could never release the lock.
        var waiting = repo.RunAsync([typeof(WiringPipeline)], ["Use", "--lock-wait", "60"], TestContext.Current.CancellationToken, output);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!output.Text.Contains("Waiting for run holder-run", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Contains("Waiting for run holder-run", output.Text);
        Assert.Empty(repo.Trace());
        held.Dispose();
        var result = await waiting;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, repo.Trace().Count);
    }

    [Fact]
    public void The_lock_is_free_again_after_a_run()
    {
        using var repo = new TempRepo();
        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Use").ExitCode);

        using var again = RepoLock.Acquire(repo.StateDirectory, "next", TimeSpan.Zero, _ => { }, TestContext.Current.CancellationToken);

        Assert.NotNull(again);
    }
}
