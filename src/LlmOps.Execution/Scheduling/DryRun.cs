using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>
/// What a run would do, without running anything: for each stage, skip, cache hit, or run, and why. A stage whose
/// upstream will run cannot know its inputs yet, so it is reported as running because of that upstream.
/// </summary>
public static class DryRun
{
    /// <summary>One stage's decision.</summary>
    /// <param name="StageId">The stage.</param>
    /// <param name="Action"><c>skip</c>, <c>cached</c> or <c>run</c>.</param>
    /// <param name="Reason">Why, in words.</param>
    /// <param name="Note">What else the user should know about the decision, e.g. that the stage is keyed on the whole assembly and why.</param>
    public sealed record Decision(string StageId, string Action, string Reason, string? Note = null);

    /// <summary>Decides every stage of <paramref name="plan"/>.</summary>
    public static IReadOnlyList<Decision> Decide(ExecutionPlan plan, RunEnvironment environment)
    {
        var outputs = new Dictionary<PlannedStage, IReadOnlyDictionary<string, string>?>();
        var decisions = new List<Decision>();
        var resolver = new InputResolver(environment);
        foreach (var entry in plan.Stages)
        {
            if (entry.SkipReason is not null)
            {
                decisions.Add(new Decision(entry.Id, "skip", entry.SkipReason));
                outputs[entry] = null;
                continue;
            }

            // Said whatever the decision: a stage keyed on the whole assembly re-runs on any edit to it, and the user
            // should learn why before that happens.
            var note = entry.Stage.Definition.NotCachedReason is null ? StageCodeAnalysis.Of(entry.Stage).WholeAssemblyNote : null;
            var upstreamRuns = entry.Dependencies.FirstOrDefault(d => outputs.TryGetValue(d, out var o) && o is null && d.SkipReason is null);
            if (upstreamRuns is not null)
            {
                decisions.Add(new Decision(entry.Id, "run", $"upstream {upstreamRuns.Id} will run, so its inputs will change", note));
                outputs[entry] = null;
                continue;
            }

            var (inputs, problem) = resolver.Resolve(entry, plan, e => outputs.GetValueOrDefault(e) is { } o ? new StageOutcome(StageStatus.Cached, o) : null);
            if (inputs is null)
            {
                decisions.Add(new Decision(entry.Id, "fail", problem!, note));
                outputs[entry] = null;
                continue;
            }

            CacheKey key;
            try
            {
                key = environment.Keys.Build(entry.Stage, inputs);
            }
            catch (Exception e) when (e is Dsl.StageFailedException or IOException or InvalidOperationException)
            {
                decisions.Add(new Decision(entry.Id, "fail", $"computing the cache key failed: {e.Message}", note));
                outputs[entry] = null;
                continue;
            }

            var (hit, why) = CacheLookup.Find(environment, entry, key);
            if (hit is not null)
            {
                decisions.Add(new Decision(entry.Id, "cached", $"key {key.Short} matches run {hit.RunId}", note));
                outputs[entry] = hit.Outputs;
                continue;
            }

            decisions.Add(new Decision(entry.Id, "run", why, note));
            outputs[entry] = null;
        }

        return decisions;
    }
}
