using LlmOps.Planning;

namespace LlmOps.Cli.Plans;

/// <summary>
/// <c>./build.sh PlanDiff --base &lt;git ref&gt; [--format markdown|json] [--output file]</c>: what the working tree
/// changes in the plan relative to another commit. The base describes itself (<see cref="BasePlan"/>); the working
/// tree is described by this process, with defaults only.
/// </summary>
public sealed class PlanDiffCommand : ICliCommand
{
    /// <summary>The build project the base is built from, as <c>build.sh</c> builds it.</summary>
    public const string BuildProject = "build/_build.csproj";

    /// <inheritdoc />
    public string Name => "PlanDiff";

    /// <inheritdoc />
    public string Description => "What this change does to the plan against --base <git ref>: stages, parameters, cache keys (re-runs), CI jobs (--format markdown|json, --output file)";

    /// <inheritdoc />
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var reference = context.CommandLine.Get("base") is { Length: > 0 } b && b != "true"
            ? b
            : throw new UsageException("PlanDiff needs --base <git ref>, e.g. --base origin/main");
        var format = context.CommandLine.Get("format") ?? "markdown";
        if (format is not ("markdown" or "json"))
        {
            throw new UsageException($"--format: '{format}' is not markdown or json");
        }

        var head = await PlanExport.SnapshotAsync(
            PipelineLoader.LoadAll(context.Pipelines.Select(p => p.Type), ParameterSources.Empty(context.RootDirectory)),
            context.RootDirectory,
            context.FailedPipelines.Select(f => f.Describe()).ToList());
        var base_ = await new BasePlan(context.RootDirectory, BuildProject, context.Error.WriteLine).ExportAsync(reference, cancellationToken);
        string text;
        if (base_.Snapshot is null)
        {
            context.Error.WriteLine($"note: {base_.Problem}");
            text = format == "json"
                ? System.Text.Json.JsonSerializer.Serialize(new { @base = reference, commit = base_.Commit, problem = base_.Problem }, PlanJson.Options)
                : $"{PlanDiffMarkdown.Marker}{Environment.NewLine}### LlmOps plan diff against `{reference}`{Environment.NewLine}{Environment.NewLine}No diff: {base_.Problem}.{Environment.NewLine}";
        }
        else
        {
            var diff = PlanDiff.Compare(base_.Snapshot, head);
            text = format == "json" ? PlanJson.Write(diff) : PlanDiffMarkdown.Render(diff, reference);
        }

        if (context.CommandLine.Get("output") is { Length: > 0 } output && output != "true")
        {
            var path = Path.GetFullPath(output, context.RootDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllText(path, text);
            context.Output.WriteLine($"Plan diff written to {output}");
        }
        else
        {
            context.Output.Write(text);
        }

        // A base that cannot describe itself fails the build only when it is broken, not when it predates the export.
        return base_.IsFailure ? 1 : 0;
    }
}
