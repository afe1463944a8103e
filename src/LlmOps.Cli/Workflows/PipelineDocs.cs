using System.Text;
using LlmOps.Dsl;
using LlmOps.Emission;
using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// <c>docs/pipelines/&lt;pipeline&gt;.md</c>: the Mermaid graph of every stage of each pipeline that declares workflows,
/// written and checked with the workflows, so a pull request that changes the graph shows it rendered by GitHub.
/// </summary>
public static class PipelineDocs
{
    /// <summary>The folder the pages go to, relative to the root.</summary>
    public const string Folder = "docs/pipelines";

    private const string HeaderStart = "<!-- " + GeneratedHeader.Prefix;

    /// <summary>One page per pipeline that implements <see cref="IHasWorkflows"/>.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(IReadOnlyList<PipelineModel> pipelines)
    {
        var graph = StageGraph.Build(pipelines);
        return pipelines.Where(p => p.Instance is IHasWorkflows && p.Stages.Count > 0).Select(p => Page(graph, p)).ToList();
    }

    /// <summary>Generated pages under <see cref="Folder"/> that no pipeline writes any more.</summary>
    public static IReadOnlyList<string> Orphaned(IReadOnlyList<GeneratedFile> expected, string rootDirectory)
    {
        var folder = Path.Combine(rootDirectory, Folder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var known = expected.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateFiles(folder, "*.md")
            .Select(f => $"{Folder}/{Path.GetFileName(f)}")
            .Where(p => !known.Contains(p) && File.ReadLines(Path.Combine(rootDirectory, p)).FirstOrDefault()?.StartsWith(HeaderStart, StringComparison.Ordinal) == true)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static GeneratedFile Page(StageGraph graph, PipelineModel pipeline)
    {
        // Every stage, none run: skipping all keeps required parameters without defaults from failing the page.
        var plan = PlanBuilder.Build(graph, pipeline.Stages, SkipSelection.Of(graph.Stages));
        var mermaid = MermaidRenderer.Render(plan).Replace("\r\n", "\n").Split('\n')
            .Where(l => !l.TrimStart().StartsWith("class ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("classDef skipped", StringComparison.Ordinal));
        var text = new StringBuilder();
        text.Append($"<!-- {GeneratedHeader.For(pipeline)} -->\n");
        text.Append($"# {pipeline.Name}: the plan\n\n");
        text.Append($"Every stage of `{pipeline.Type.FullName}`: solid arrows are dependencies (labelled with the artifact passed), dotted arrows ordering only.\n\n");
        text.Append("```mermaid\n").Append(string.Join("\n", mermaid).TrimEnd()).Append("\n```\n\n");
        text.Append("| Stage | What it does | Runs on, gates |\n|---|---|---|\n");
        foreach (var stage in pipeline.Stages)
        {
            var annotations = string.Join("; ", stage.Definition.AttachedFeatures.OfType<IPlanAnnotation>().Select(a => a.PlanAnnotation));
            text.Append($"| {Cell(stage.Name)} | {Cell(stage.Definition.DescriptionText)} | {Cell(annotations)} |\n");
        }

        return new GeneratedFile($"{Folder}/{pipeline.Name.ToLowerInvariant()}.md", text.ToString());
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
