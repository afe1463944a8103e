namespace LlmOps.Planning;

/// <summary>A stage with its edges resolved to other stages.</summary>
public sealed class StageNode
{
    internal StageNode(StageModel stage) => Stage = stage;

    /// <summary>The stage.</summary>
    public StageModel Stage { get; }

    /// <summary>Hard dependencies: declared with DependsOn or implied by consuming an artifact.</summary>
    public List<StageModel> Dependencies { get; } = [];

    /// <summary>For each dependency implied by an artifact, the artifact's name (for explanations).</summary>
    public Dictionary<StageModel, string> ImpliedBy { get; } = [];

    /// <summary>Ordering-only predecessors (After, and the reverse of Before).</summary>
    public List<StageModel> OrderedAfter { get; } = [];

    /// <summary>Stages this one triggers (Triggers, and the reverse of TriggeredBy).</summary>
    public List<StageModel> Triggers { get; } = [];

    /// <summary>Stages that trigger this one.</summary>
    public List<StageModel> TriggeredBy { get; } = [];
}
