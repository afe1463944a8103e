using System.Text;
using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// Prints <c>--help</c>: targets with descriptions and direct dependencies, parameters with types, values and sources,
/// and the pipelines that failed to define, with why.
/// </summary>
public static class HelpPrinter
{
    /// <summary>Renders the help text.</summary>
    public static string Render(StageGraph graph, IReadOnlyList<ICliCommand> commands, IReadOnlyList<PipelineFailure>? failures = null)
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: ./build.sh [targets] [options] [--<parameter> <value> ...]");
        // A plain name that several pipelines have needs the qualified form when targets of both are selected.
        var shared = graph.Pipelines.SelectMany(p => p.Parameters.Select(x => ParameterNames.Normalize(x.Name)))
            .GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var pipeline in graph.Pipelines)
        {
            text.AppendLine();
            text.AppendLine($"Targets of pipeline {pipeline.Name} ({pipeline.Type.Name}):");
            var width = pipeline.Stages.Count == 0 ? 0 : pipeline.Stages.Max(s => s.Name.Length);
            var isDefault = pipeline.Instance.Default is { } d ? pipeline.Find(d) : null;
            foreach (var stage in pipeline.Stages)
            {
                var node = graph[stage];
                var dependencies = node.Dependencies.Select(s => s.Pipeline == pipeline ? s.Name : s.Id).ToList();
                var line = $"  {stage.Name.PadRight(width)}  {(stage == isDefault ? "(default) " : "")}{stage.Definition.DescriptionText}";
                if (dependencies.Count > 0)
                {
                    line += $"  [-> {string.Join(", ", dependencies)}]";
                }

                text.AppendLine(line.TrimEnd());
            }

            if (pipeline.Parameters.Count > 0)
            {
                text.AppendLine();
                text.AppendLine($"Parameters of pipeline {pipeline.Name}:");
                var names = pipeline.Parameters.Select(p => $"--{p.Name} <{p.TypeName}>").ToList();
                var nameWidth = names.Max(n => n.Length);
                for (var i = 0; i < pipeline.Parameters.Count; i++)
                {
                    var p = pipeline.Parameters[i];
                    var secret = p.IsSecret ? "[secret] " : "";
                    text.AppendLine($"  {names[i].PadRight(nameWidth)}  {secret}{p.Description}");
                    var qualified = shared.Contains(ParameterNames.Normalize(p.Name))
                        ? $"; for {pipeline.Name} only: --{ParameterNames.Qualified(pipeline.Name, p.Name)}, env {ParameterScope.Environment(pipeline.Name, p.Name)}"
                        : "";
                    text.AppendLine($"  {"".PadRight(nameWidth)}    = {p.DisplayValue}  (from {p.Source}; env {ParameterNames.ToEnvironment(p.Name)}{qualified})");
                }
            }
        }

        foreach (var failure in failures ?? [])
        {
            text.AppendLine();
            text.AppendLine($"Pipeline {failure.Name} ({failure.Type.Name}) failed to define; its targets cannot run until it is fixed:");
            foreach (var problem in failure.Problems)
            {
                text.AppendLine($"  {problem}");
            }
        }

        if (commands.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Commands:");
            var width = commands.Max(c => c.Name.Length);
            foreach (var command in commands)
            {
                text.AppendLine($"  {command.Name.PadRight(width)}  {command.Description}");
            }
        }

        text.AppendLine();
        text.AppendLine("""
            Options:
              --help                 this text
              --plan                 show the execution graph (text tree) and write it as Mermaid to .llmops/plan.mmd
              --dry-run              show what would run and, for each stage, whether its cache would hit and why not
              --skip [stages]        skip the named stages, or with no names every stage but the targets
              --parallel <n>         run up to n independent stages at once (default: number of cores)
              --continue             resume the last failed or interrupted run (succeeded stages are not run again)
              --no-cache             run every stage even when its cache key is unchanged
              --verify               re-hash every stored byte a check reads (cached outputs, inputs) instead of
                                     trusting size, mtime and inode
              --profile <name>       also read .nuke/parameters.<name>.json
              --export <dir>         copy produced artifacts to <dir>/<artifact> (CI upload)
              --cached-only          reuse cached results, run nothing; exit 4 if some stage is not cached
              --outputs-from <dir>   the stages ran elsewhere: take their outputs from <dir>/<artifact>, then
                                     store and cache them as a run does (Argo container pods)
              --shared-store         the store and cache are shared with other machines (pods on one claim):
                                     their temporary files are swept only when a day old
              --lock-wait <seconds>  how long to wait for another run on this repository (default 600)
              --cancel-grace <s>     how long a stopped stage (Ctrl+C, timeout) may take to clean up (default 20)

            Parameter values come from, in order: the command line, the environment (NAME or LLMOPS_NAME),
            .nuke/parameters.<profile>.json, .nuke/parameters.json, the default in the pipeline. A plain name sets the
            parameter of the selected targets' pipelines; to address one pipeline, qualify it: --support.epochs,
            SUPPORT_EPOCHS or LLMOPS_SUPPORT_EPOCHS, "Support.Epochs" in a parameters file (qualified wins).
            Runs are recorded in .llmops/runs/<run-id>/ (run.json and logs/); artifacts live in .llmops/store.
            """);
        text.AppendLine();
        return text.ToString();
    }
}
