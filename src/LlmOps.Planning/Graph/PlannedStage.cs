namespace LlmOps.Planning;

/// <summary>A stage in an execution plan: why it is in the plan, whether it is skipped, and what it waits for.</summary>
public sealed class PlannedStage
{
    internal PlannedStage(StageModel stage, string reason)
    {
        Stage = stage;
        Reason = reason;
    }

    /// <summary>The stage.</summary>
    public StageModel Stage { get; }

    /// <summary>The qualified name.</summary>
    public string Id => Stage.Id;

    /// <summary>Why the stage is in the plan: "target", "dependency of Support.Train", "triggered by Support.Train".</summary>
    public string Reason { get; }

    /// <summary>Why the stage will not run, or null when it runs.</summary>
    public string? SkipReason { get; internal set; }

    /// <summary>Whether the user skipped the stage (<c>--skip</c>): its artifacts come from the store or CI downloads.</summary>
    public bool SkippedByUser { get; internal set; }

    /// <summary>Hard dependencies that are in the plan.</summary>
    public List<PlannedStage> Dependencies { get; } = [];

    /// <summary>Every stage in the plan this one must wait for (dependencies, ordering, triggers).</summary>
    public List<PlannedStage> Predecessors { get; } = [];

    /// <inheritdoc />
    public override string ToString() => Id;
}
