using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Cli;

public sealed class SecretArgumentTests
{
    [Fact]
    public void A_secret_value_that_starts_with_two_dashes_is_taken_as_the_value()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(SecretPipeline), "Call", "--api-token", "--tok3n-with-dashes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("calling the registry with token ***", result.Output);
        Assert.DoesNotContain("tok3n", result.All);
    }

    [Fact]
    public void A_usage_error_about_a_secret_value_masks_it()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(SecretPipeline), "Call", "--pin", "98x7-secret-pin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--pin", result.Error);
        Assert.DoesNotContain("98x7-secret-pin", result.All);
    }

    [Fact]
    public void A_secret_given_to_another_option_by_mistake_is_masked_in_its_usage_error()
    {
        using var repo = new TempRepo();
        repo.Environment["API_TOKEN"] = "s3cr3t-pasted-twice";

        var result = repo.Run(typeof(SecretPipeline), "Call", "--parallel", "s3cr3t-pasted-twice");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--parallel: '***' is not a positive integer", result.Error);
        Assert.DoesNotContain("s3cr3t-pasted-twice", result.All);
    }
}

public sealed class RootOptionTests
{
    [Fact]
    public async Task A_root_that_does_not_exist_is_a_usage_error_and_nothing_is_created_there()
    {
        var missing = Path.Combine(Path.GetTempPath(), "llmops-core-tests", "missing-" + Guid.NewGuid().ToString("N")[..8]);
        var error = new StringWriter();
        var app = new LlmOpsApp(typeof(WiringPipeline)) { Output = new StringWriter(), Error = error, Environment = _ => null };

        var code = await app.RunAsync(["Use", "--dry-run", "--root", missing], TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Contains($"--root: the folder {missing} does not exist", error.ToString());
        Assert.False(Directory.Exists(missing));
    }
}
