namespace LlmOps.Planning;

/// <summary>
/// The stages a command will run, in a valid order, with the reason each is included or skipped. The local
/// executor, <c>--plan</c>, <c>--dry-run</c> and the workflow emitters all read this one structure.
/// </summary>
public sealed class ExecutionPlan
{
    internal ExecutionPlan(StageGraph graph, IReadOnlyList<PlannedStage> stages, IReadOnlyList<StageModel> targets)
    {
        Graph = graph;
        Stages = stages;
        Targets = targets;
    }

    /// <summary>The validated graph the plan was cut from.</summary>
    public StageGraph Graph { get; }

    /// <summary>Stages in execution order (a topological order, ties broken by declaration order).</summary>
    public IReadOnlyList<PlannedStage> Stages { get; }

    /// <summary>The stages asked for.</summary>
    public IReadOnlyList<StageModel> Targets { get; }

    /// <summary>The planned entry of a stage, or null when it is not in the plan.</summary>
    public PlannedStage? Find(StageModel stage) => Stages.FirstOrDefault(s => s.Stage == stage);
}
