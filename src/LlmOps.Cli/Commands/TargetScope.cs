using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// Narrows plain parameter names to the pipelines of the selected targets: <c>--epochs 5</c> with
/// <c>Support.Train</c> sets Support's Epochs and no other pipeline's, and is an error when two selected pipelines have it.
/// </summary>
internal static class TargetScope
{
    /// <summary>
    /// The pipelines loaded again with plain names reaching only the targets' pipelines (when some pipeline is not
    /// selected), the targets in the new models, and the checks that need the final values: every given value
    /// converts, and no plain name is ambiguous.
    /// </summary>
    public static (PipelineSet Set, List<StageModel> Targets) Narrow(
        PipelineSet set,
        List<StageModel> targets,
        Func<ParameterSources, PipelineSet> load,
        ParameterSources sources)
    {
        var selected = targets.Select(t => t.Pipeline.Name).Distinct().ToList();
        if (ReachedBeyond(set, selected))
        {
            set = load(sources.ForPipelines(selected));
            targets = targets.Select(t => Again(t, set)).ToList();
        }

        if (set.ValueProblems.Count > 0)
        {
            throw new DefinitionException(set.ValueProblems);
        }

        var ambiguous = ParameterScope.Ambiguities(targets.Select(t => t.Pipeline).Distinct());
        return ambiguous.Count > 0 ? throw new UsageException(string.Join(Environment.NewLine + "  ", ambiguous)) : (set, targets);
    }

    // Loading again is needed only where a plain name may have reached an unselected pipeline: a value it took, or a
    // failure or bad value that such a value may have caused. With no values given, the first load stands.
    private static bool ReachedBeyond(PipelineSet set, List<string> selected) =>
        set.Failures.Count > 0
        || set.ValueProblems.Count > 0
        || set.Pipelines.Any(p => !selected.Contains(p.Name) && p.Parameters.Any(x => x.SharedSource is not null));

    // Definitions are data, so the same pipeline with the same values for its own parameters loads the same again.
    private static StageModel Again(StageModel target, PipelineSet set) =>
        set.Pipelines.FirstOrDefault(p => p.Name == target.Pipeline.Name)?.Find(target.Name)
            ?? throw new UsageException(set.Failures.FirstOrDefault(f => f.Name == target.Pipeline.Name) is { } failed
                ? $"Target '{target.Id}' cannot run: {failed.Describe()}"
                : $"Target '{target.Id}' is not declared when only its pipeline's parameters are given.");
}
