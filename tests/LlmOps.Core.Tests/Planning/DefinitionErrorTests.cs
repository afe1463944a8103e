using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Planning;

public sealed class DefinitionErrorTests
{
    [Theory]
    [InlineData(typeof(UnsupportedParameterPipeline), "UnsupportedParameterPipeline.RunTag: parameters of type Guid are not supported")]
    [InlineData(typeof(ThrowingDefinitionPipeline), "ThrowingDefinition.Run: evaluating the definition failed: no config file")]
    [InlineData(typeof(RequiresFieldPipeline), "RequiresField.Run requires 'Plain', which is not a [Parameter] of RequiresField")]
    [InlineData(typeof(TwoExecutesPipeline), "TwoExecutes.Run: it declares two bodies, .Executes(...) and .Executes(...)")]
    [InlineData(typeof(KindAndExecutesPipeline), "KindAndExecutes.Run: it declares two bodies, .Counts(...) and .Executes(...)")]
    [InlineData(typeof(DotArtifactPipeline), "DotArtifact.Run: evaluating the definition failed: Artifact name '..' is not valid: a name of only dots names a folder, not an artifact.")]
    public void A_definition_mistake_is_reported_with_the_member_and_exit_code_2(Type pipeline, string expected)
    {
        using var repo = new TempRepo();

        var result = repo.Run(pipeline, "Run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.All);
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void Two_pipelines_with_one_name_are_a_definition_error()
    {
        var error = Assert.Throws<DefinitionException>(() => PipelineLoader.LoadAll([typeof(ClashPipeline), typeof(OtherClash)], ParameterSources.Empty(Path.GetTempPath())));

        Assert.Contains("Two pipelines are named 'Clash'", Assert.Single(error.Problems));
    }
}
