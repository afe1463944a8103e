using System.Diagnostics;
using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

public sealed class ProcessTests
{
    private const string Token = "tok-5ecret-Value-9431";

    private static string Log(TempRepo repo, string stage)
    {
        var run = repo.LatestRun();
        return File.ReadAllText(Path.Combine(repo.Runs.RunDirectory(run.RunId), repo.Stage(run, stage).Log!));
    }

    [Fact]
    public void A_tool_runs_in_the_work_directory_with_verbatim_arguments_and_its_output_is_logged_live_and_masked()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ProcessPipeline), "Echo", "--api-token", Token);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(Token, result.All);
        Assert.Contains("Process.Echo | token=***", result.Output);
        var log = Log(repo, "Process.Echo");
        Assert.Contains("> sh -c ", log);
        Assert.Contains("token=***", log);
        Assert.Contains("args=two words|it's \"quoted\"", log);
        Assert.Matches(@"dir=.*/\.llmops/tmp/", log);
        Assert.DoesNotContain(Token, log);
        Assert.Equal(["Process.Echo"], repo.Trace());
    }

    [Fact]
    public void A_non_zero_exit_fails_the_stage_naming_the_tool_the_code_and_the_last_lines_masked()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ProcessPipeline), "Fail", "--api-token", Token);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(Token, result.All);
        var stage = repo.Stage(repo.LatestRun(), "Process.Fail");
        Assert.Equal(StageStatus.Failed, stage.Status);
        Assert.StartsWith("sh exited with code 3; last output: ", stage.Reason);
        Assert.Contains("first", stage.Reason);
        Assert.Contains("token=***", stage.Reason);
        Assert.DoesNotContain("   at ", Log(repo, "Process.Fail"));
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void Exit_codes_named_as_success_do_not_fail_the_stage()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ProcessPipeline), "Tolerated");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("exit code 1 tolerated", Log(repo, "Process.Tolerated"));
    }

    [Fact]
    public void A_tool_that_cannot_start_fails_the_stage_without_a_stack_trace()
    {
        using var repo = new TempRepo();

        repo.Run(typeof(ProcessPipeline), "Missing");

        Assert.StartsWith("could not start 'llmops-no-such-tool'", repo.Stage(repo.LatestRun(), "Process.Missing").Reason);
    }

    [Fact]
    public void The_stage_timeout_kills_the_tool_promptly()
    {
        using var repo = new TempRepo();
        var watch = Stopwatch.StartNew();

        var result = repo.Run(typeof(ProcessPipeline), "Slow");

        Assert.Equal(1, result.ExitCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.StartsWith("timed out: its limit is 0.5 s, and it was stopped after ", repo.Stage(repo.LatestRun(), "Process.Slow").Reason);
    }
}
