using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

/// <summary>
/// docs/emission.md shows a pipeline and the files generated from it, complete: the example must be the test pipeline
/// <see cref="SupportPipeline"/> and the files what the generator writes for it now, or readers copy stale YAML.
/// </summary>
public sealed class EmissionDocsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(Repository.Root, "docs", "emission.md")).ReplaceLineEndings("\n");

    [Theory]
    [InlineData(".github/workflows/support.yml")]
    [InlineData("azure-pipelines-support.yml")]
    public void The_docs_show_exactly_the_file_generated_for_their_example(string path)
    {
        var generated = Loaded.File(Loaded.Generate(typeof(SupportPipeline)), path)
            .Replace($"from {typeof(SupportPipeline).FullName};", $"from {nameof(SupportPipeline)};", StringComparison.Ordinal);
        Assert.Equal(generated, Block($"`{path}`", "```yaml\n"));
    }

    [Fact]
    public void The_docs_example_is_the_pipeline_the_files_are_generated_from()
    {
        var source = File.ReadAllText(Path.Combine(Repository.Root, "tests", "LlmOps.Emission.Tests", "Pipelines", "SupportPipeline.cs")).ReplaceLineEndings("\n");
        Assert.Equal(source[source.IndexOf("public sealed class", StringComparison.Ordinal)..], Block("## Declaring workflows", "```csharp\n"));
    }

    // The fenced block that first follows the heading or caption, without its fences.
    private static string Block(string caption, string fence)
    {
        var at = Docs.IndexOf(caption, StringComparison.Ordinal);
        Assert.True(at >= 0, $"docs/emission.md has no '{caption}'");
        var start = Docs.IndexOf(fence, at, StringComparison.Ordinal) + fence.Length;
        return Docs[start..(Docs.IndexOf("```\n", start, StringComparison.Ordinal))];
    }
}
