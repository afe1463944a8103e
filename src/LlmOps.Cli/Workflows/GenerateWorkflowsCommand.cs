using LlmOps.Emission;
using LlmOps.Emission.GitHub;
using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// <c>./build.sh GenerateWorkflows [--check]</c>: writes the GitHub Actions and Azure Pipelines files that the
/// pipelines declare (deleting generated files no declaration writes any more), or, with <c>--check</c>, exits 1
/// naming every committed file that is missing, stale or orphaned.
/// </summary>
public sealed class GenerateWorkflowsCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "GenerateWorkflows";

    /// <inheritdoc />
    public string Description => "Write .github/workflows/*.yml and azure-pipelines*.yml from the plans (--check: fail when the committed ones are stale)";

    /// <inheritdoc />
    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        // Generating without a broken pipeline would delete its workflows (or report them orphaned) and so quietly
        // switch off its CI; the files stay as they are until every pipeline defines.
        if (context.FailedPipelines.Count > 0)
        {
            context.Error.WriteLine("error: workflows are generated from every pipeline, and some failed to define; fix them first:");
            foreach (var failure in context.FailedPipelines)
            {
                context.Error.WriteLine("  " + failure.Describe("    "));
            }

            return Task.FromResult(2);
        }

        IReadOnlyList<GeneratedFile> files;
        try
        {
            // Defaults only: the committed files must not depend on this machine's environment or parameters.json.
            var defaults = PipelineLoader.LoadAll(context.Pipelines.Select(p => p.Type), ParameterSources.Empty(context.RootDirectory));
            files = [.. WorkflowGenerator.Generate(defaults, context.RootDirectory), .. PipelineDocs.Generate(defaults)];
        }
        catch (EmissionException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return Task.FromResult(2);
        }

        if (context.CommandLine.Has("check"))
        {
            return Task.FromResult(Check(context, files));
        }

        var staleDocs = PipelineDocs.Orphaned(files, context.RootDirectory);
        foreach (var path in staleDocs)
        {
            File.Delete(Path.Combine(context.RootDirectory, path));
        }

        var deleted = WorkflowGenerator.Write(files, context.RootDirectory).Concat(staleDocs);
        foreach (var file in files)
        {
            context.Output.WriteLine($"wrote {file.Path}");
        }

        foreach (var path in deleted)
        {
            context.Output.WriteLine($"deleted {path} (generated, but no declaration writes it any more)");
        }

        if (files.Count == 0)
        {
            context.Output.WriteLine("No pipeline declares workflows (implement IHasWorkflows).");
        }

        return Task.FromResult(0);
    }

    private static int Check(CliContext context, IReadOnlyList<GeneratedFile> files)
    {
        var check = WorkflowGenerator.Check(files, context.RootDirectory);
        check = check with { Orphaned = [.. check.Orphaned, .. PipelineDocs.Orphaned(files, context.RootDirectory)] };
        if (check.IsUpToDate)
        {
            context.Output.WriteLine($"Workflows up to date ({files.Count} files).");
            return 0;
        }

        foreach (var path in check.Missing)
        {
            context.Error.WriteLine($"{path}: missing");
        }

        foreach (var path in check.Stale)
        {
            context.Error.WriteLine($"{path}: stale (differs from what the pipeline definitions generate)");
        }

        foreach (var path in check.Orphaned)
        {
            context.Error.WriteLine($"{path}: orphaned (generated, but no declaration writes it any more)");
        }

        if (check.Stale.Any(p => p.StartsWith(".github/workflows/", StringComparison.Ordinal)))
        {
            // A bumped pin changes every GitHub workflow at once; say where the pins come from.
            context.Error.WriteLine($"note: GitHub jobs use the actions pinned in {ActionPins.Load(context.RootDirectory).Source}.");
        }

        context.Error.WriteLine("error: the committed workflows are out of date; run ./build.sh GenerateWorkflows and commit the result.");
        return 1;
    }
}
