namespace LlmOps.Core.Tests.Support;

/// <summary>Loads pipelines and cuts plans through the planner's public API.</summary>
public static class Plans
{
    public static StageGraph Graph(params Type[] pipelines) => Graph(ParameterSources.Empty(Path.GetTempPath()), pipelines);

    public static StageGraph Graph(ParameterSources sources, params Type[] pipelines) => StageGraph.Build(PipelineLoader.LoadAll(pipelines, sources));

    public static StageModel Stage(StageGraph graph, string name) =>
        graph.Stages.SingleOrDefault(s => s.Name == name || s.Id == name) ?? throw new ArgumentException($"no stage {name}");

    public static ExecutionPlan Plan(StageGraph graph, params string[] targets) =>
        PlanBuilder.Build(graph, targets.Select(t => Stage(graph, t)).ToList(), SkipSelection.None);

    public static ExecutionPlan Plan(Type pipeline, params string[] targets) => Plan(Graph(pipeline), targets);

    public static IReadOnlyList<string> Names(ExecutionPlan plan) => plan.Stages.Select(s => s.Stage.Name).ToList();

    /// <summary>Asserts that every stage comes after everything it must wait for.</summary>
    public static void AssertTopological(ExecutionPlan plan)
    {
        var position = plan.Stages.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        foreach (var entry in plan.Stages)
        {
            var node = plan.Graph[entry.Stage];
            foreach (var before in node.Dependencies.Concat(node.OrderedAfter).Concat(node.TriggeredBy))
            {
                if (plan.Find(before) is { } planned)
                {
                    Assert.True(position[planned] < position[entry], $"{before.Id} must come before {entry.Id} in: {string.Join(", ", plan.Stages)}");
                }
            }
        }
    }
}
