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
