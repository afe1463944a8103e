using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>
/// Hooks for things that follow a run without steering it, such as experiment trackers. Observers must not throw:
/// a tracker being down must not fail a training run (the executor logs and carries on if one does).
/// </summary>
public interface IRunObserver
{
    /// <summary>The run starts.</summary>
    Task RunStartedAsync(RunRecord run, ExecutionPlan plan);

    /// <summary>A stage starts running (not for cached or skipped stages).</summary>
    Task StageStartedAsync(RunRecord run, PlannedStage stage);

    /// <summary>A running stage reports a metric point.</summary>
    void Metric(string stageId, string name, double value, long step);

    /// <summary>A stage ends in any state; <paramref name="artifactDirectories"/> maps produced artifact names to read-only folders.</summary>
    Task StageFinishedAsync(RunRecord run, PlannedStage stage, StageRecord record, IReadOnlyDictionary<string, string> artifactDirectories);

    /// <summary>The run ends.</summary>
    Task RunFinishedAsync(RunRecord run);
}
