using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Cli;

/// <summary>The exit codes the README promises; the interrupted (130) and locked (3) cases live with their features.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void A_successful_run_exits_0()
    {
        using var repo = new TempRepo();

        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Use").ExitCode);
    }

    [Fact]
    public void A_failed_stage_exits_1()
    {
        using var repo = new TempRepo();

        Assert.Equal(1, repo.Run(typeof(FailurePipeline), "Broken").ExitCode);
    }

    [Theory]
    [InlineData("--parallel", "zero", "--parallel: 'zero' is not a positive integer")]
    [InlineData("--lock-wait", "soon", "--lock-wait: 'soon' is not a number of seconds (0 to 604800, a week)")]
    [InlineData("--lock-wait", "Infinity", "--lock-wait: 'Infinity' is not a number of seconds (0 to 604800, a week)")]
    public void A_bad_option_value_exits_2_with_a_message(string option, string value, string message)
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(WiringPipeline), "Use", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {message}", result.Error.Trim());
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void A_definition_mistake_exits_2()
    {
        using var repo = new TempRepo();

        Assert.Equal(2, repo.Run(typeof(CyclePipeline), "Alpha").ExitCode);
    }

    [Fact]
    public async Task Without_root_the_app_uses_LLMOPS_ROOT_from_its_environment()
    {
        using var repo = new TempRepo();
        var output = new ConcurrentWriter();
        var app = new LlmOpsApp(typeof(WiringPipeline))
        {
            Output = output,
            Error = output,
            Environment = name => name == "LLMOPS_ROOT" ? repo.Root : null,
        };

        var code = await app.RunAsync(["Use"], TestContext.Current.CancellationToken);

        Assert.True(code == 0, output.Text);
        Assert.Equal(3, repo.Trace().Count);
    }

    [Fact]
    public void The_root_comes_from_the_option_then_LLMOPS_ROOT()
    {
        using var repo = new TempRepo();

        Assert.Equal(repo.Root, RootFinder.Find(repo.Root, _ => "/elsewhere"));
        Assert.Equal(repo.Root, RootFinder.Find(null, name => name == "LLMOPS_ROOT" ? repo.Root : null));
    }
}
