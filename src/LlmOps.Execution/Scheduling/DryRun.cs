using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>
/// What a run would do, without running anything: for each stage, skip, cache hit, or run, and why. It asks the same
/// <see cref="StageDecider"/> as the run, in dry-run mode: nothing is pulled, built or written. A stage whose
/// upstream will run cannot know its inputs yet, so it is reported as running because of that upstream.
/// </summary>
public static class DryRun
{
    /// <summary>One stage's decision.</summary>
    /// <param name="StageId">The stage.</param>
    /// <param name="Action"><c>skip</c>, <c>cached</c>, <c>run</c>, <c>fail</c> or <c>not-run</c>.</param>
    /// <param name="Reason">Why, in words.</param>
    /// <param name="Note">What else the user should know about the decision, e.g. that the stage is keyed on the whole assembly and why.</param>
    public sealed record Decision(string StageId, string Action, string Reason, string? Note = null);

    /// <summary>Decides every stage of <paramref name="plan"/>.</summary>
    public static IReadOnlyList<Decision> Decide(ExecutionPlan plan, RunEnvironment environment) =>
        DecideAsync(plan, environment, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Decides every stage of <paramref name="plan"/>.</summary>
    public static async Task<IReadOnlyList<Decision>> DecideAsync(ExecutionPlan plan, RunEnvironment environment, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<PlannedStage, StageOutcome>();
        var willRun = new HashSet<PlannedStage>();
        var decider = new StageDecider(environment, plan, isDryRun: true, new RunResolutions(), _ => { })
        {
            OutcomeOf = outcomes.GetValueOrDefault,
            WillRun = willRun.Contains,
        };
        var decisions = new List<Decision>();
        foreach (var entry in plan.Stages)
        {
            var decision = await decider.DecideAsync(entry, cancellationToken);

            // Said whatever the decision: a stage keyed on the whole assembly re-runs on any edit to it, and the user
            // should learn why before that happens.
            var note = decision.Kind is DecisionKind.Skip || entry.Stage.Definition.NotCachedReason is not null ? null : StageCodeAnalysis.Of(entry.Stage).WholeAssemblyNote;
            switch (decision.Kind)
            {
                case DecisionKind.Cached:
                    outcomes[entry] = new StageOutcome(StageStatus.Cached, decision.Hit!.Outputs);
                    decisions.Add(new Decision(entry.Id, "cached", $"key {decision.Key!.Short} matches run {decision.Hit.RunId}", note));
                    break;
                case DecisionKind.Run or DecisionKind.Deferred:
                    willRun.Add(entry);
                    decisions.Add(new Decision(entry.Id, "run", decision.Reason, note));
                    break;
                case DecisionKind.Skip:
                    decisions.Add(new Decision(entry.Id, "skip", decision.Reason));
                    break;
                case DecisionKind.NotRun:
                    outcomes[entry] = new StageOutcome(StageStatus.NotRun, new Dictionary<string, string>());
                    decisions.Add(new Decision(entry.Id, "not-run", decision.Reason, note));
                    break;
                default:
                    outcomes[entry] = new StageOutcome(StageStatus.Failed, new Dictionary<string, string>());
                    decisions.Add(new Decision(entry.Id, "fail", decision.Reason, note));
                    break;
            }
        }

        return decisions;
    }
}
