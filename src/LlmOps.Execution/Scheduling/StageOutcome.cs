namespace LlmOps.Execution;

/// <summary>How a stage ended in this run, and the artifacts it made available (name → content hash).</summary>
/// <param name="Status">How the stage ended.</param>
/// <param name="Outputs">Produced or cached artifacts.</param>
public sealed record StageOutcome(StageStatus Status, IReadOnlyDictionary<string, string> Outputs)
{
    /// <summary>Whether downstream stages may use this stage's results.</summary>
    public bool IsUsable => Status is StageStatus.Succeeded or StageStatus.Cached;

    /// <summary>Whether this counts as a failure for the run.</summary>
    public bool IsFailure => Status is StageStatus.Failed or StageStatus.NotRun or StageStatus.Cancelled;
}
