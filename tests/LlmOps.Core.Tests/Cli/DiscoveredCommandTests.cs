using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Cli;

/// <summary>
/// A command a library contributes is found in the pipelines' reference closure (this test assembly references the
/// CLI, as a stage-kind library that adds a command does), with nothing registered by hand.
/// </summary>
public sealed class DiscoveredCommandTests
{
    [Fact]
    public void A_public_command_in_a_pipelines_assembly_is_found_without_registration()
    {
        var commands = CommandDiscovery.Find([typeof(CachePipeline)]);

        Assert.Contains(commands, c => c is PipelineCountCommand);
        Assert.DoesNotContain(commands, c => c.GetType().Assembly == typeof(ICliCommand).Assembly);
    }

    [Fact]
    public async Task A_discovered_command_runs_by_name_like_a_built_in_one()
    {
        using var repo = new TempRepo();
        var output = new ConcurrentWriter();
        var app = new LlmOpsApp(typeof(CachePipeline)) { Output = output, Error = output, Environment = _ => null };

        var code = await app.RunAsync(["PipelineCount", "--root", repo.Root], TestContext.Current.CancellationToken);

        Assert.True(code == 0, output.Text);
        Assert.Contains("pipelines: 1", output.Text);
    }
}

/// <summary>A library-style command: public, parameterless, in an assembly that references the CLI.</summary>
public sealed class PipelineCountCommand : ICliCommand
{
    /// <inheritdoc/>
    public string Name => "PipelineCount";

    /// <inheritdoc/>
    public string Description => "Print how many pipelines are loaded (a test of command discovery)";

    /// <inheritdoc/>
    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        context.Output.WriteLine($"pipelines: {context.Pipelines.Count}");
        return Task.FromResult(0);
    }
}
