using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Parameters;

public sealed class SecretTests
{
    private const string Token = "tok-5ecret-Value-9431";

    private static void AssertNoFileContains(string directory, string secret)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            Assert.False(File.ReadAllText(file).Contains(secret, StringComparison.Ordinal), $"{file} contains the secret");
        }
    }

    [Fact]
    public void A_secret_is_masked_in_the_console_the_stage_log_and_the_run_record()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(SecretPipeline), "Call", "--api-token", Token);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(Token, result.All);
        Assert.Contains("calling the registry with token ***", result.Output);
        var run = repo.LatestRun();
        var log = File.ReadAllText(Path.Combine(repo.Runs.RunDirectory(run.RunId), repo.Stage(run, "Secret.Call").Log!));
        Assert.Contains("calling the registry with token ***", log);
        Assert.Equal("*** (command line)", run.Parameters["Secret.api-token"]);
        Assert.DoesNotContain(run.Arguments, a => a.Contains("api-token", StringComparison.OrdinalIgnoreCase));
        AssertNoFileContains(repo.StateDirectory, Token);
    }

    [Fact]
    public void A_secret_in_a_failure_message_or_a_stack_trace_is_masked()
    {
        using var repo = new TempRepo();
        repo.Environment["API_TOKEN"] = Token;

        var leak = repo.Run(typeof(SecretPipeline), "Leak");
        Assert.Equal("the registry rejected token ***", repo.Stage(repo.LatestRun(), "Secret.Leak").Reason);
        var crash = repo.Run(typeof(SecretPipeline), "Crash");
        var run = repo.LatestRun();
        var log = File.ReadAllText(Path.Combine(repo.Runs.RunDirectory(run.RunId), repo.Stage(run, "Secret.Crash").Log!));

        Assert.Equal((1, 1), (leak.ExitCode, crash.ExitCode));
        Assert.DoesNotContain(Token, leak.All + crash.All);
        Assert.Contains("the registry rejected token ***", leak.Output);
        Assert.StartsWith("InvalidOperationException: token *** is malformed", repo.Stage(run, "Secret.Crash").Reason);
        Assert.Contains("System.InvalidOperationException: token *** is malformed", log);
        Assert.Contains("   at ", log);
        AssertNoFileContains(repo.StateDirectory, Token);
    }

    [Fact]
    public void A_bad_secret_value_is_masked_in_the_error_message()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(SecretPipeline), "Call", "--pin", "73910x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--pin: '***' is not an integer", result.Error);
        Assert.DoesNotContain("73910x", result.All);
    }

    [Fact]
    public void A_secret_too_short_to_mask_is_warned_about_and_a_default_is_not()
    {
        using var repo = new TempRepo();

        var quiet = repo.Run(typeof(SecretPipeline), "Call", "--api-token", Token);
        var result = repo.Run(typeof(SecretPipeline), "Call", "--api-token", Token, "--pin", "42");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("warning:", quiet.Error);
        Assert.Contains("warning: --pin is shorter than 3 characters, too short to be masked in logs", result.Error);
        Assert.DoesNotContain("42", result.Error);
    }

    [Fact]
    public void Help_masks_secret_values_but_says_where_they_came_from()
    {
        using var repo = new TempRepo();
        repo.Environment["LLMOPS_API_TOKEN"] = Token;

        var result = repo.Run(typeof(SecretPipeline), "--help");

        Assert.DoesNotContain(Token, result.All);
        Assert.Matches(@"\[secret\] Token for the model registry", result.Output);
        Assert.Matches(@"= \*\*\*\s+\(from environment \(LLMOPS_API_TOKEN\)", result.Output);
    }

    [Fact]
    public void A_changed_secret_reruns_the_stage_without_showing_either_value()
    {
        using var repo = new TempRepo();
        Assert.Equal(0, repo.Run(typeof(SecretPipeline), "Call", "--api-token", Token).ExitCode);

        var result = repo.Run(typeof(SecretPipeline), "Call", "--api-token", Token + "-rotated");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ran: parameter api-token changed", repo.Stage(repo.LatestRun(), "Secret.Call").Reason);
        Assert.Equal(2, repo.Trace().Count);
        AssertNoFileContains(repo.StateDirectory, Token);
    }

    [Fact]
    public void A_secret_given_inline_is_kept_out_of_the_run_record()
    {
        using var repo = new TempRepo();

        Assert.Equal(0, repo.Run(typeof(SecretPipeline), "Call", $"--api-token={Token}").ExitCode);

        Assert.Equal(["Call", "--root", repo.Root], repo.LatestRun().Arguments);
        AssertNoFileContains(repo.StateDirectory, Token);
    }

    [Fact]
    public void A_secret_given_with_continue_is_masked_in_the_replayed_command_line()
    {
        using var repo = new TempRepo();
        Assert.Equal(1, repo.Run(typeof(SecretPipeline), "Leak", "--api-token", Token).ExitCode);

        var result = repo.Run(typeof(SecretPipeline), "--continue", "--api-token", Token);

        Assert.Contains("Continuing run ", result.Output);
        Assert.DoesNotContain(Token, result.All);
        AssertNoFileContains(repo.StateDirectory, Token);
    }
}
