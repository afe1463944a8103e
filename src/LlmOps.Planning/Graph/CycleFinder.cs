namespace LlmOps.Planning;

/// <summary>Finds cycles over every ordering edge (dependencies, After/Before, triggers) and names the stages in each.</summary>
internal static class CycleFinder
{
    public static IEnumerable<(IReadOnlyList<StageModel> Stages, string Message)> Find(StageGraph graph)
    {
        var state = new Dictionary<StageModel, int>();
        var path = new List<StageModel>();
        var found = new List<(IReadOnlyList<StageModel> Stages, string Message)>();
        foreach (var stage in graph.Stages)
        {
            Visit(graph, stage, state, path, found);
        }

        return found;
    }

    /// <summary>Edges point from a stage to the stages that must come before it.</summary>
    public static IEnumerable<StageModel> Predecessors(StageGraph graph, StageModel stage)
    {
        var node = graph[stage];
        return node.Dependencies.Concat(node.OrderedAfter).Concat(node.TriggeredBy);
    }

    private static void Visit(StageGraph graph, StageModel stage, Dictionary<StageModel, int> state, List<StageModel> path, List<(IReadOnlyList<StageModel> Stages, string Message)> found)
    {
        if (state.TryGetValue(stage, out var s))
        {
            if (s == 1)
            {
                var start = path.IndexOf(stage);
                var cycle = path.Skip(start).Append(stage).ToList();
                found.Add((cycle, $"Cycle: {string.Join(" -> ", cycle.Select(x => x.Id))} (each stage must come after the next)."));
            }

            return;
        }

        state[stage] = 1;
        path.Add(stage);
        foreach (var predecessor in Predecessors(graph, stage))
        {
            Visit(graph, predecessor, state, path, found);
        }

        path.RemoveAt(path.Count - 1);
        state[stage] = 2;
    }
}
