using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>
/// Decides a stage: skip, not run, fail, cached or run, and why. Both the run and <c>--dry-run</c> ask it, so a dry
/// run says exactly what the run will do; it has no effects beyond what features resolve for keys (never in a dry run).
/// </summary>
internal sealed class StageDecider(RunEnvironment environment, ExecutionPlan plan, bool isDryRun, RunResolutions resolutions, Action<string> log)
{
    private readonly InputResolver _inputs = new(environment);

    /// <summary>What upstream stages left; null for a stage not decided or not finished.</summary>
    public required Func<PlannedStage, StageOutcome?> OutcomeOf { get; init; }

    /// <summary>In a dry run: whether an upstream stage will run, so its outputs are not known yet.</summary>
    public Func<PlannedStage, bool> WillRun { get; init; } = _ => false;

    /// <summary>Whether an earlier failure stopped the run (stages that are not assured after failure do not start).</summary>
    public Func<bool> Stopped { get; init; } = () => false;

    /// <summary>The services the run's observers offer for a stage (by stage and type), also while it is decided.</summary>
    public Func<PlannedStage, Type, object?> Services { get; init; } = (_, _) => null;

    public async Task<StageDecision> DecideAsync(PlannedStage entry, CancellationToken cancellationToken)
    {
        var definition = entry.Stage.Definition;
        if (entry.SkipReason is not null)
        {
            return new(DecisionKind.Skip, entry.SkipReason);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new(DecisionKind.Cancelled, "the run was cancelled");
        }

        if (!definition.IsAssuredAfterFailure)
        {
            if (entry.Dependencies.FirstOrDefault(d => OutcomeOf(d) is { IsFailure: true }) is { } failed)
            {
                return new(DecisionKind.NotRun, $"{failed.Id} did not succeed");
            }

            if (Stopped())
            {
                return new(DecisionKind.NotRun, "an earlier stage failed");
            }
        }

        if (entry.Dependencies.FirstOrDefault(WillRun) is { } upstream)
        {
            return new(DecisionKind.Deferred, $"upstream {upstream.Id} will run, so its inputs will change");
        }

        // A dry run does not evaluate run-time conditions: they may depend on what upstream stages leave behind.
        if (!isDryRun && FalseCondition(definition) is { } condition)
        {
            return condition;
        }

        var (inputs, problem) = _inputs.Resolve(entry, plan, OutcomeOf);
        if (inputs is null)
        {
            return new(DecisionKind.Fail, problem!);
        }

        CacheKey? key;
        string? deferred;
        try
        {
            var features = new StageKeyContext(environment.Options.RootDirectory, entry.Id, isDryRun, resolutions, log, type => Services(entry, type), environment.Options.Variables, cancellationToken);
            (key, deferred) = await environment.Keys.BuildAsync(entry.Stage, inputs, features);
        }
        catch (Exception e) when (e is Dsl.StageFailedException or IOException or InvalidOperationException)
        {
            return new(DecisionKind.Fail, $"computing the cache key failed: {e.Message}");
        }

        if (key is null)
        {
            return new(DecisionKind.Deferred, deferred!, Inputs: inputs);
        }

        var (hit, why) = CacheLookup.Find(environment, entry, key);
        if (environment.Options.Continues is { } continued && continued.Stages.FirstOrDefault(s => s.Id == entry.Id) is { } before)
        {
            (hit, why) = Resumed(continued, before, definition, hit, why);
        }

        return hit is not null
            ? new(DecisionKind.Cached, $"cached (key {key.Short}, from run {hit.RunId})", key, hit, inputs)
            : new(DecisionKind.Run, why, key, null, inputs);
    }

    // Under --continue, what the stage did in the run being resumed matters: a failure there is why it runs now (the
    // cache has no entry for a failed stage, which would read as "never run before"), and a stage that must run after
    // a failure (cleanup, notification) did its work for the failed run, so its cache entry is not this run's.
    private static (CacheEntry? Hit, string Why) Resumed(RunRecord continued, StageRecord before, Dsl.StageDefinition definition, CacheEntry? hit, string why)
    {
        if (hit is not null && definition.IsAssuredAfterFailure && before.Status is StageStatus.Succeeded or StageStatus.Cached)
        {
            return (null, $"it runs after failures, and in run {continued.RunId}, which is being continued, it ran after a failure");
        }

        if (hit is null && before.Status == StageStatus.Failed)
        {
            var failed = $"it failed in run {continued.RunId} ({before.Reason})";
            return (null, why == "never run before" ? failed : $"{failed}; {why}");
        }

        return (hit, why);
    }

    private static StageDecision? FalseCondition(Dsl.StageDefinition definition)
    {
        foreach (var condition in definition.DynamicConditions)
        {
            try
            {
                if (!condition.Evaluate())
                {
                    return new(DecisionKind.Skip, $"condition '{condition.Text}' is false");
                }
            }
            catch (Exception e)
            {
                return new(DecisionKind.Fail, $"evaluating OnlyWhenDynamic({condition.Text}) failed: {e.Message}");
            }
        }

        return null;
    }
}
