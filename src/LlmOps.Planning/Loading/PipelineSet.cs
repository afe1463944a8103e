namespace LlmOps.Planning;

/// <summary>
/// The pipelines of a repository, loaded so that one broken pipeline blocks only itself: each pipeline whose class,
/// stage definitions or wiring fail is set aside as a <see cref="PipelineFailure"/>, and the graph holds the rest.
/// </summary>
public sealed class PipelineSet
{
    private PipelineSet(StageGraph graph, IReadOnlyList<PipelineFailure> failures, IReadOnlyList<string> valueProblems)
    {
        Graph = graph;
        Failures = failures;
        ValueProblems = valueProblems;
    }

    /// <summary>The pipelines that loaded, in the order of the classes given.</summary>
    public IReadOnlyList<PipelineModel> Pipelines => Graph.Pipelines;

    /// <summary>The validated graph of <see cref="Pipelines"/>.</summary>
    public StageGraph Graph { get; }

    /// <summary>The pipelines left out, with their problems.</summary>
    public IReadOnlyList<PipelineFailure> Failures { get; }

    /// <summary>
    /// Values given to loaded pipelines that do not convert (<c>--epochs: 'x' is not an integer</c>). They are the
    /// user's mistakes rather than a pipeline's, so the caller reports them whatever runs.
    /// </summary>
    public IReadOnlyList<string> ValueProblems { get; }

    /// <summary>
    /// Loads every class; <paramref name="check"/> may add problems of the caller's own (names the command line
    /// reserves), which set a pipeline aside like any other.
    /// </summary>
    public static PipelineSet Load(IEnumerable<Type> pipelineTypes, ParameterSources sources, Func<PipelineModel, IEnumerable<string>>? check = null)
    {
        var outcomes = pipelineTypes.Select(t => PipelineLoader.LoadOne(t, sources)).ToList();
        foreach (var outcome in outcomes.Where(o => o.Model is not null && check is not null))
        {
            outcome.DefinitionProblems.AddRange(check!(outcome.Model!));
        }

        foreach (var (clashing, problem) in PipelineLoader.NameClashes(outcomes))
        {
            foreach (var outcome in clashing)
            {
                outcome.DefinitionProblems.Add(problem);
            }
        }

        var failures = new List<PipelineFailure>();
        var healthy = new List<PipelineModel>();
        foreach (var outcome in outcomes)
        {
            if (outcome.DefinitionProblems.Count > 0)
            {
                failures.Add(new PipelineFailure(outcome.Name, outcome.Type, outcome.Problems.ToList()));
            }
            else
            {
                healthy.Add(outcome.Model!);
            }
        }

        var graph = Isolate(healthy, failures);
        var valueProblems = outcomes.Where(o => graph.Pipelines.Contains(o.Model!)).SelectMany(o => o.ValueProblems).ToList();
        var order = outcomes.Select((o, i) => (o.Type, i)).DistinctBy(x => x.Type).ToDictionary(x => x.Type, x => x.i);
        return new PipelineSet(graph, failures.OrderBy(f => order[f.Type]).ToList(), valueProblems);
    }

    // Wiring problems belong to pipelines: leave those out and wire the rest again, until the rest wires cleanly.
    // A pipeline that refers to one left out fails in the next round; each round leaves out at least one.
    private static StageGraph Isolate(List<PipelineModel> healthy, List<PipelineFailure> failures)
    {
        var excluded = new List<PipelineModel>();
        while (true)
        {
            var problems = new List<GraphProblem>();
            var graph = StageGraph.Build(healthy, excluded, problems);
            if (problems.Count == 0)
            {
                return graph;
            }

            foreach (var pipeline in problems.SelectMany(p => p.Pipelines).Distinct().ToList())
            {
                healthy.Remove(pipeline);
                excluded.Add(pipeline);
                failures.Add(new PipelineFailure(pipeline.Name, pipeline.Type, problems.Where(p => p.Pipelines.Contains(pipeline)).Select(p => p.Message).ToList()));
            }
        }
    }
}
