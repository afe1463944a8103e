using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Tests.Support;

/// <summary>Loads test pipelines the way the CLI does and generates their files.</summary>
public static class Loaded
{
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "llmops-argo-emission-root");

    /// <summary>This repository's checkout, found above the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "LlmOps.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LlmOps.sln not found above " + AppContext.BaseDirectory);
    }

    public static IReadOnlyList<PipelineModel> Pipelines(params Type[] types) => PipelineLoader.LoadAll(types, ParameterSources.Empty(Root));

    public static IReadOnlyList<GeneratedFile> Generate(params Type[] types) => WorkflowGenerator.Generate(Pipelines(types), Root);

    public static string File(IReadOnlyList<GeneratedFile> files, string path) => files.Single(f => f.Path == path).Content;

    public static WorkflowLayout Layout(Type type)
    {
        var models = Pipelines(type);
        var workflow = ((IHasWorkflows)models[0].Instance).Workflows.OfType<ArgoTemplate>().Single();
        return WorkflowPlanner.Layout(models[0], StageGraph.Build(models), workflow);
    }
}
