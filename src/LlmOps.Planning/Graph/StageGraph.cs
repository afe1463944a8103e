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

    /// <summary>Builds and validates the graph; every problem found is reported at once.</summary>
    public static StageGraph Build(IReadOnlyList<PipelineModel> pipelines)
    {
        var problems = new List<GraphProblem>();
        var graph = Build(pipelines, [], problems);
        return problems.Count > 0 ? throw new DefinitionException(problems.Select(p => p.Message).ToList()) : graph;
    }

    /// <summary>
    /// Builds the graph and collects its problems, each with the pipelines it belongs to, so a caller can leave those
    /// pipelines out and build again. <paramref name="excluded"/> are pipelines already left out, named when a
    /// reference points into one of them.
    /// </summary>
    internal static StageGraph Build(IReadOnlyList<PipelineModel> pipelines, IReadOnlyList<PipelineModel> excluded, List<GraphProblem> problems)
    {
        var graph = new StageGraph(pipelines);
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
            graph.Wire(stage, excluded, problems);
        }

        if (problems.Count == 0)
        {
            problems.AddRange(CycleFinder.Find(graph).Select(c => new GraphProblem(c.Stages.Select(s => s.Pipeline).Distinct().ToList(), c.Message)));
        }

        return graph;
    }

    private static void CheckProducers(PipelineModel pipeline, List<GraphProblem> problems)
    {
        var producers = pipeline.Stages
            .SelectMany(s => s.Definition.ProducedArtifacts.Select(a => (Artifact: a, Stage: s)))
            .GroupBy(x => x.Artifact.Name);
        foreach (var group in producers)
        {
            var stages = group.Select(x => x.Stage.Id).Distinct().ToList();
            if (stages.Count > 1)
            {
                problems.Add(new GraphProblem([pipeline], $"Artifact '{group.Key}' is produced by more than one stage: {string.Join(", ", stages)}. Each artifact has exactly one producer."));
            }
        }
    }

    private void Wire(StageModel stage, IReadOnlyList<PipelineModel> excluded, List<GraphProblem> problems)
    {
        var node = _nodes[stage];
        var definition = stage.Definition;
        IEnumerable<StageModel> Targets(string relation, List<Stage> references) => Resolve(stage, relation, references, excluded, problems);
        foreach (var target in Targets("DependsOn", definition.DependsOnStages))
        {
            AddOnce(node.Dependencies, target);
        }

        foreach (var artifact in definition.ConsumedArtifacts)
        {
            var producer = ProducerOf(stage.Pipeline, artifact);
            if (producer is null)
            {
                var sameName = stage.Pipeline.Stages.SelectMany(s => s.Definition.ProducedArtifacts.Where(a => a.Name == artifact.Name).Select(a => $"{s.Id} produces '{a.Name}' as {a.Kind}")).FirstOrDefault();
                problems.Add(new GraphProblem([stage.Pipeline], $"{stage.Id} consumes artifact '{artifact.Name}' ({artifact.Kind}), but no stage of pipeline {stage.Pipeline.Name} produces it" + (sameName is null ? "." : $"; {sameName}.")));
                continue;
            }

            if (producer == stage)
            {
                problems.Add(new GraphProblem([stage.Pipeline], $"{stage.Id} consumes artifact '{artifact.Name}' that it produces itself."));
                continue;
            }

            AddOnce(node.Dependencies, producer);
            node.ImpliedBy.TryAdd(producer, artifact.Name);
        }

        foreach (var target in Targets("After", definition.AfterStages))
        {
            AddOnce(node.OrderedAfter, target);
        }

        foreach (var target in Targets("Before", definition.BeforeStages))
        {
            AddOnce(_nodes[target].OrderedAfter, stage);
        }

        foreach (var target in Targets("Triggers", definition.TriggersStages))
        {
            AddOnce(node.Triggers, target);
            AddOnce(_nodes[target].TriggeredBy, stage);
        }

        foreach (var target in Targets("TriggeredBy", definition.TriggeredByStages))
        {
            AddOnce(_nodes[target].Triggers, stage);
            AddOnce(node.TriggeredBy, target);
        }
    }

    private IEnumerable<StageModel> Resolve(StageModel from, string relation, List<Stage> references, IReadOnlyList<PipelineModel> excluded, List<GraphProblem> problems)
    {
        foreach (var reference in references)
        {
            var (target, problem) = StageReferences.Resolve(from, relation, reference, Pipelines, excluded);
            if (target is null)
            {
                problems.Add(new GraphProblem([from.Pipeline], problem!));
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
