using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

public sealed class ContinueTests
{
    [Fact]
    public void Continue_replays_the_failed_run_and_does_not_rerun_what_succeeded()
    {
        using var repo = new TempRepo();
        Assert.Equal(1, repo.Run(typeof(ContinuePipeline), "Second").ExitCode);
        var failed = repo.LatestRun();
        repo.Write("fixed", "");

        var result = repo.Run(typeof(ContinuePipeline), "--continue");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Continuing run {failed.RunId} (failed)", result.Output);
        var run = repo.LatestRun();
        Assert.Equal(StageStatus.Cached, repo.Stage(run, "Continue.First").Status);
        Assert.Equal(StageStatus.Succeeded, repo.Stage(run, "Continue.Second").Status);
        Assert.Equal(["Continue.First", "Continue.Second", "Continue.Second"], repo.Trace());
    }

    [Fact]
    public void Continue_without_an_earlier_run_is_a_usage_error()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ContinuePipeline), "--continue");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--continue: there is no earlier run", result.Error);
    }

    [Fact]
    public void Targets_given_with_continue_replace_the_old_ones_and_new_values_win()
    {
        using var repo = new TempRepo();
        Assert.Equal(1, repo.Run(typeof(ContinuePipeline), "Second", "--parallel", "2").ExitCode);

        var result = repo.Run(typeof(ContinuePipeline), "--continue", "First", "--parallel", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = repo.LatestRun();
        Assert.Equal(["Continue.First"], run.Targets);
        Assert.Equal("1", run.Arguments[run.Arguments.ToList().LastIndexOf("--parallel") + 1]);
        Assert.Equal(StageStatus.Cached, run.Stages.Single().Status);
    }
}

public sealed class ContinueReplayTests
{
    [Fact]
    public void Continue_does_not_replay_no_cache_so_what_succeeded_stays_cached()
    {
        using var repo = new TempRepo();
        Assert.Equal(1, repo.Run(typeof(ContinuePipeline), "Second", "--no-cache").ExitCode);
        repo.Write("fixed", "");

        var result = repo.Run(typeof(ContinuePipeline), "--continue");

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = repo.LatestRun();
        Assert.Equal(StageStatus.Cached, repo.Stage(run, "Continue.First").Status);
        Assert.DoesNotContain("--no-cache", run.Arguments);
    }

    [Fact]
    public void Continue_labels_a_stage_that_failed_last_time_as_failed_there_not_as_never_run()
    {
        using var repo = new TempRepo();
        Assert.Equal(1, repo.Run(typeof(ContinuePipeline), "Second").ExitCode);
        var failed = repo.LatestRun().RunId;
        repo.Write("fixed", "");

        var result = repo.Run(typeof(ContinuePipeline), "--continue");

        Assert.True(result.ExitCode == 0, result.ToString());
        var reason = repo.Stage(repo.LatestRun(), "Continue.Second").Reason;
        Assert.Contains($"it failed in run {failed} (the upstream service is down)", reason);
        Assert.DoesNotContain("never run before", reason);
    }

    [Fact]
    public void Continue_runs_again_a_stage_assured_after_failure_that_ran_after_the_failure()
    {
        using var repo = new TempRepo();
        Assert.Equal(1, repo.Run(typeof(ContinuePipeline), "Second", "Notify").ExitCode);
        Assert.Equal(StageStatus.Succeeded, repo.Stage(repo.LatestRun(), "Continue.Notify").Status);
        repo.Write("fixed", "");

        var result = repo.Run(typeof(ContinuePipeline), "--continue");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(StageStatus.Succeeded, repo.Stage(repo.LatestRun(), "Continue.Notify").Status);
        Assert.Equal(2, repo.Trace().Count(t => t == "Continue.Notify"));
    }

    [Fact]
    public void Continue_stops_naming_a_secret_that_was_given_on_the_command_line_and_is_missing_now()
    {
        using var repo = new TempRepo();
        Assert.Equal(1, repo.Run(typeof(ContinuePipeline), "Sign", "--signing-key", "k3y-never-stored").ExitCode);
        repo.Write("fixed", "");

        var result = repo.Run(typeof(ContinuePipeline), "--continue");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--signing-key", result.Error);
        Assert.Contains("SIGNING_KEY", result.Error);
        Assert.DoesNotContain("k3y-never-stored", result.All);
        Assert.Equal(["Continue.Sign key-length=16"], repo.Trace());
    }

    [Fact]
    public void Continue_reads_a_secret_again_from_the_environment()
    {
        using var repo = new TempRepo();
        Assert.Equal(1, repo.Run(typeof(ContinuePipeline), "Sign", "--signing-key", "k3y-never-stored").ExitCode);
        repo.Write("fixed", "");
        repo.Environment["SIGNING_KEY"] = "k3y-from-env";

        var result = repo.Run(typeof(ContinuePipeline), "--continue");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Continue.Sign key-length=16", "Continue.Sign key-length=12"], repo.Trace());
    }
}
