using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// A built-in command addressed like a target (<c>./build.sh Runs</c>, <c>./build.sh GenerateWorkflows</c>).
/// Libraries contribute commands so the CLI does not depend on them.
/// </summary>
public interface ICliCommand
{
    /// <summary>The name typed on the command line.</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c>.</summary>
    string Description { get; }

    /// <summary>Runs the command; returns the exit code.</summary>
    Task<int> RunAsync(CliContext context, CancellationToken cancellationToken);
}

/// <summary>What a command gets: the repository root, the parsed command line, the loaded pipelines and the output.</summary>
/// <param name="RootDirectory">The repository root.</param>
/// <param name="CommandLine">The parsed arguments.</param>
/// <param name="Pipelines">The loaded pipelines.</param>
/// <param name="Output">Where to print.</param>
/// <param name="Error">Where to print errors.</param>
/// <param name="Environment">Reads environment variables (tests substitute it).</param>
public sealed record CliContext(string RootDirectory, CommandLine CommandLine, IReadOnlyList<PipelineModel> Pipelines, TextWriter Output, TextWriter Error, Func<string, string?> Environment)
{
    /// <summary>The pipelines that failed to define and are not in <see cref="Pipelines"/>.</summary>
    public IReadOnlyList<PipelineFailure> FailedPipelines { get; init; } = [];
}
