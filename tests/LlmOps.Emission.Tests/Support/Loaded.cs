using LlmOps.Planning;

namespace LlmOps.Emission.Tests.Support;

/// <summary>Loads test pipelines the way the CLI does and generates their files.</summary>
public static class Loaded
{
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "llmops-emission-root");

    public static IReadOnlyList<PipelineModel> Pipelines(params Type[] types) => PipelineLoader.LoadAll(types, ParameterSources.Empty(Root));

    public static IReadOnlyList<GeneratedFile> Generate(params Type[] types) => WorkflowGenerator.Generate(Pipelines(types), Root);

    public static string File(IReadOnlyList<GeneratedFile> files, string path) =>
        files.Single(f => f.Path == path).Content;

    public static WorkflowLayout Layout(Type type, int workflowIndex)
    {
        var models = Pipelines(type);
        var graph = StageGraph.Build(models);
        var workflow = ((IHasWorkflows)models[0].Instance).Workflows.ElementAt(workflowIndex);
        return WorkflowPlanner.Layout(models[0], graph, workflow);
    }
}
