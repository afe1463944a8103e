namespace LlmOps.Planning;

/// <summary>Cuts an <see cref="ExecutionPlan"/> for some targets out of a validated <see cref="StageGraph"/>.</summary>
public static class PlanBuilder
{
    /// <summary>
    /// Selects the targets, their dependencies and the stages they trigger; orders them; applies skips and plan-time
    /// conditions; and checks that every stage that will run has its required parameters (all missing ones at once).
    /// </summary>
    public static ExecutionPlan Build(StageGraph graph, IReadOnlyList<StageModel> targets, SkipSelection skip)
    {
        var reasons = Select(graph, targets);
        var ordered = Order(graph, reasons.Keys);
        var planned = ordered.ToDictionary(s => s, s => new PlannedStage(s, reasons[s]));
        foreach (var (stage, entry) in planned)
        {
            var node = graph[stage];
            entry.Dependencies.AddRange(node.Dependencies.Where(planned.ContainsKey).Select(d => planned[d]));
            entry.Predecessors.AddRange(CycleFinder.Predecessors(graph, stage).Where(planned.ContainsKey).Distinct().Select(d => planned[d]));
        }

        var plan = new ExecutionPlan(graph, ordered.Select(s => planned[s]).ToList(), targets);
        ApplySkips(plan, skip);
        CheckRequirements(plan);
        return plan;
    }

    private static Dictionary<StageModel, string> Select(StageGraph graph, IReadOnlyList<StageModel> targets)
    {
        var reasons = new Dictionary<StageModel, string>();
        var queue = new Queue<StageModel>();
        foreach (var target in targets)
        {
            if (reasons.TryAdd(target, "target"))
            {
                queue.Enqueue(target);
            }
        }

        while (queue.TryDequeue(out var stage))
        {
            var node = graph[stage];
            foreach (var dependency in node.Dependencies)
            {
                if (reasons.TryAdd(dependency, $"dependency of {stage.Id}"))
                {
                    queue.Enqueue(dependency);
                }
            }

            foreach (var triggered in node.Triggers)
            {
                if (reasons.TryAdd(triggered, $"triggered by {stage.Id}"))
                {
                    queue.Enqueue(triggered);
                }
            }
        }

        return reasons;
    }

    private static List<StageModel> Order(StageGraph graph, IEnumerable<StageModel> selected)
    {
        var set = selected.ToHashSet();
        var pipelineIndex = graph.Pipelines.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        var waiting = set.ToDictionary(s => s, s => CycleFinder.Predecessors(graph, s).Where(set.Contains).Distinct().Count());
        var successors = set.ToDictionary(s => s, _ => new List<StageModel>());
        foreach (var stage in set)
        {
            foreach (var predecessor in CycleFinder.Predecessors(graph, stage).Where(set.Contains).Distinct())
            {
                successors[predecessor].Add(stage);
            }
        }

        var ready = new PriorityQueue<StageModel, (int, int)>();
        foreach (var stage in set.Where(s => waiting[s] == 0))
        {
            ready.Enqueue(stage, (pipelineIndex[stage.Pipeline], stage.Order));
        }

        var ordered = new List<StageModel>(set.Count);
        while (ready.TryDequeue(out var stage, out _))
        {
            ordered.Add(stage);
            foreach (var successor in successors[stage])
            {
                if (--waiting[successor] == 0)
                {
                    ready.Enqueue(successor, (pipelineIndex[successor.Pipeline], successor.Order));
                }
            }
        }

        return ordered;
    }

    private static void ApplySkips(ExecutionPlan plan, SkipSelection skip)
    {
        foreach (var entry in plan.Stages)
        {
            if ((skip.AllButTargets && !plan.Targets.Contains(entry.Stage)) || skip.Stages.Contains(entry.Stage))
            {
                entry.SkipReason = "skipped on the command line (--skip)";
                entry.SkippedByUser = true;
                continue;
            }

            foreach (var condition in entry.Stage.Definition.StaticConditions)
            {
                bool holds;
                try
                {
                    holds = condition.Evaluate();
                }
                catch (Exception e)
                {
                    throw new DefinitionException($"{entry.Id}: evaluating OnlyWhenStatic({condition.Text}) failed: {e.Message}");
                }

                if (!holds)
                {
                    entry.SkipReason = $"condition '{condition.Text}' is false";
                    break;
                }
            }
        }
    }

    private static void CheckRequirements(ExecutionPlan plan)
    {
        var missing = new List<string>();
        foreach (var entry in plan.Stages.Where(s => s.SkipReason is null))
        {
            foreach (var name in entry.Stage.Definition.RequiredParameters)
            {
                var parameter = entry.Stage.Pipeline.Parameters.FirstOrDefault(p => p.MemberName == name);
                if (parameter is null)
                {
                    missing.Add($"{entry.Id} requires '{name}', which is not a [Parameter] of {entry.Stage.Pipeline.Name}");
                }
                else if (!parameter.HasValue)
                {
                    missing.Add($"--{parameter.Name} (environment {ParameterNames.ToEnvironment(parameter.Name)}), required by {entry.Id}");
                }
            }
        }

        if (missing.Count > 0)
        {
            throw new DefinitionException(["Missing required parameters:", .. missing.Select(m => "  " + m)]);
        }
    }
}
