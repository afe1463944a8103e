using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>
/// Every stage of every loaded pipeline with its edges resolved and checked: missing and duplicate artifact
/// producers, references to undeclared stages and cycles are reported before anything runs.
/// </summary>
public sealed class StageGraph
{
    private readonly Dictionary<StageModel, StageNode> _nodes = [];

    private StageGraph(IReadOnlyList<PipelineModel> pipelines) => Pipelines = pipelines;

    /// <summary>The pipelines in the order they were loaded.</summary>
    public IReadOnlyList<PipelineModel> Pipelines { get; }

    /// <summary>All stages, pipeline by pipeline, in declaration order.</summary>
    public IEnumerable<StageModel> Stages => Pipelines.SelectMany(p => p.Stages);

    /// <summary>The node of a stage.</summary>
    public StageNode this[StageModel stage] => _nodes[stage];

    /// <summary>The stage that produces <paramref name="artifact"/> in <paramref name="pipeline"/>.</summary>
    public StageModel? ProducerOf(PipelineModel pipeline, ArtifactRef artifact) =>
        pipeline.Stages.FirstOrDefault(s => s.Definition.ProducedArtifacts.Contains(artifact));

    /// <summary>Builds and validates the graph.</summary>
    public static StageGraph Build(IReadOnlyList<PipelineModel> pipelines)
    {
        var graph = new StageGraph(pipelines);
        var problems = new List<string>();
        foreach (var stage in graph.Stages)
        {
            graph._nodes[stage] = new StageNode(stage);
        }

        foreach (var pipeline in pipelines)
        {
            CheckProducers(pipeline, problems);
        }

        foreach (var stage in graph.Stages)
        {
            graph.Wire(stage, problems);
        }

        if (problems.Count == 0)
        {
            problems.AddRange(CycleFinder.Find(graph));
        }

        return problems.Count > 0 ? throw new DefinitionException(problems) : graph;
    }

    private static void CheckProducers(PipelineModel pipeline, List<string> problems)
    {
        var producers = pipeline.Stages
            .SelectMany(s => s.Definition.ProducedArtifacts.Select(a => (Artifact: a, Stage: s)))
            .GroupBy(x => x.Artifact.Name);
        foreach (var group in producers)
        {
            var stages = group.Select(x => x.Stage.Id).Distinct().ToList();
            if (stages.Count > 1)
            {
                problems.Add($"Artifact '{group.Key}' is produced by more than one stage: {string.Join(", ", stages)}. Each artifact has exactly one producer.");
            }
        }
    }

    private void Wire(StageModel stage, List<string> problems)
    {
        var node = _nodes[stage];
        var definition = stage.Definition;
        foreach (var target in Resolve(stage, "DependsOn", definition.DependsOnStages, problems))
        {
            AddOnce(node.Dependencies, target);
        }

        foreach (var artifact in definition.ConsumedArtifacts)
        {
            var producer = ProducerOf(stage.Pipeline, artifact);
            if (producer is null)
            {
                var sameName = stage.Pipeline.Stages.SelectMany(s => s.Definition.ProducedArtifacts.Where(a => a.Name == artifact.Name).Select(a => $"{s.Id} produces '{a.Name}' as {a.Kind}")).FirstOrDefault();
                problems.Add($"{stage.Id} consumes artifact '{artifact.Name}' ({artifact.Kind}), but no stage of pipeline {stage.Pipeline.Name} produces it" + (sameName is null ? "." : $"; {sameName}."));
                continue;
            }

            if (producer == stage)
            {
                problems.Add($"{stage.Id} consumes artifact '{artifact.Name}' that it produces itself.");
                continue;
            }

            AddOnce(node.Dependencies, producer);
            node.ImpliedBy.TryAdd(producer, artifact.Name);
        }

        foreach (var target in Resolve(stage, "After", definition.AfterStages, problems))
        {
            AddOnce(node.OrderedAfter, target);
        }

        foreach (var target in Resolve(stage, "Before", definition.BeforeStages, problems))
        {
            AddOnce(_nodes[target].OrderedAfter, stage);
        }

        foreach (var target in Resolve(stage, "Triggers", definition.TriggersStages, problems))
        {
            AddOnce(node.Triggers, target);
            AddOnce(_nodes[target].TriggeredBy, stage);
        }

        foreach (var target in Resolve(stage, "TriggeredBy", definition.TriggeredByStages, problems))
        {
            AddOnce(_nodes[target].Triggers, stage);
            AddOnce(node.TriggeredBy, target);
        }
    }

    private IEnumerable<StageModel> Resolve(StageModel from, string relation, List<Stage> references, List<string> problems)
    {
        foreach (var reference in references)
        {
            var target = Pipelines.Select(p => p.Find(reference)).FirstOrDefault(s => s is not null);
            if (target is null)
            {
                problems.Add($"{from.Id}: {relation} names a stage that is not declared as a Stage property of any loaded pipeline ({reference.Method.Name}).");
                continue;
            }

            yield return target;
        }
    }

    private static void AddOnce(List<StageModel> list, StageModel stage)
    {
        if (!list.Contains(stage))
        {
            list.Add(stage);
        }
    }
}
