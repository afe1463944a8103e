using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

/// <summary>A state folder the file system will not write to: the user gets one sentence and an exit code, never a wait or a stack trace.</summary>
public sealed class StateFolderProblemTests
{
    [Fact]
    public async Task A_read_only_state_folder_fails_at_once_with_exit_2_instead_of_waiting_for_a_finished_run()
    {
        using var repo = new TempRepo();
        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Use").ExitCode);
        var finished = repo.LatestRun().RunId;
        using var readOnly = RestrictedFolder.ReadOnly(repo.StateDirectory);
        // Waiting out --lock-wait 600 would blow this bound; the old code did.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(60));

        var result = await repo.RunAsync([typeof(WiringPipeline)], ["Use", "--no-cache", "--lock-wait", "600"], bound.Token);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.DoesNotContain("Waiting for", result.All);
        Assert.DoesNotContain(finished, result.All);
        AssertOneSentence(result);
    }

    [Theory]
    [InlineData("Use", "--plan")]
    [InlineData("Runs")]
    [InlineData("Use", "--dry-run")]
    public void Other_commands_on_a_read_only_state_folder_exit_0_or_2_without_a_stack_trace(params string[] args)
    {
        using var repo = new TempRepo();
        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Use").ExitCode);
        using var readOnly = RestrictedFolder.ReadOnly(repo.StateDirectory);

        var result = repo.Run(typeof(WiringPipeline), args);

        // Reading is allowed (a dry run, the run list); what has to write says so in one sentence.
        Assert.True(result.ExitCode is 0 or 2, result.ToString());
        if (result.ExitCode == 2)
        {
            AssertOneSentence(result);
        }

        Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public void A_disk_that_fills_up_during_a_run_fails_the_run_with_exit_1_naming_it()
    {
        using var repo = new TempRepo();
        using var small = RestrictedFolder.Small(repo.StateDirectory, "2m");

        var result = repo.Run(typeof(DiskFullPipeline), "Fill");

        Assert.True(result.ExitCode == 1, result.ToString());
        // The stage fails naming the cause (its cache entry could not be written), and the final run.json save,
        // which used to escape the executor's finally and crash the process, is reported instead.
        Assert.Contains("Fill: no space left on device", result.All, StringComparison.Ordinal);
        Assert.Contains("error: could not save the run record (no space left on device)", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All);
    }

    private static void AssertOneSentence(AppResult result)
    {
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Matches("read-only file system|permission denied|readonly database|unable to open database", result.Error);
        Assert.DoesNotContain("   at ", result.All);
    }
}
