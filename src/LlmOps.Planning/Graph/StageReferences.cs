using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>
/// Resolves a <see cref="Stage"/> reference (<c>DependsOn(Train)</c>) to a stage. A reference resolves within the
/// referring stage's own pipeline first, so two pipelines that share a base class or a component, and therefore
/// the same stage methods, each wire to their own stages; only then does it look in other pipelines.
/// </summary>
internal static class StageReferences
{
    /// <summary>The stage, or a problem naming the reference.</summary>
    public static (StageModel? Stage, string? Problem) Resolve(StageModel from, string relation, Stage reference, IReadOnlyList<PipelineModel> pipelines, IReadOnlyList<PipelineModel> excluded)
    {
        if (from.Pipeline.FindExact(reference) is { } own)
        {
            return (own, null);
        }

        // Then the same delegate (method and target) elsewhere; then, for a closure over a pipeline instance
        // (new FineTunePipeline().Train), the pipeline of that class; then the method alone, own pipeline first.
        // Each step counts only when the one before found nothing.
        var others = pipelines.Where(p => p != from.Pipeline).ToList();
        var candidates = Distinct(others.Select(p => p.FindExact(reference)));
        if (candidates.Count == 0 && reference.Target is Pipeline target)
        {
            candidates = Distinct(pipelines.Where(p => p.Type == target.GetType()).Select(p => p.FindByMethod(reference)));
        }

        if (candidates.Count == 0 && from.Pipeline.FindByMethod(reference) is { } ownByMethod)
        {
            return (ownByMethod, null);
        }

        if (candidates.Count == 0)
        {
            candidates = Distinct(others.Select(p => p.FindByMethod(reference)));
        }

        return candidates.Count switch
        {
            1 => (candidates[0], null),
            0 => (null, Missing(from, relation, reference, excluded)),
            _ => (null, $"{from.Id}: {relation} names a stage that could be any of {string.Join(", ", candidates.Select(c => c.Id))} (they share the method {reference.Method.Name}); name the stage through its own pipeline instance."),
        };
    }

    private static string Missing(StageModel from, string relation, Stage reference, IReadOnlyList<PipelineModel> excluded)
    {
        var failed = excluded.Select(p => p.FindExact(reference) ?? p.FindByMethod(reference)).FirstOrDefault(s => s is not null);
        return failed is not null
            ? $"{from.Id}: {relation} names {failed.Id}, whose pipeline {failed.Pipeline.Name} failed to define."
            : $"{from.Id}: {relation} names a stage that is not declared as a Stage property of any loaded pipeline ({reference.Method.Name}).";
    }

    private static List<StageModel> Distinct(IEnumerable<StageModel?> stages) => stages.OfType<StageModel>().Distinct().ToList();
}
