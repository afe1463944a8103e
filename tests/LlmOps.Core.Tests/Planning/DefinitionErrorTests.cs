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
    [InlineData(typeof(DotArtifactPipeline), "DotArtifact.Run: evaluating the definition failed: Artifact name '..' is not valid: use an ASCII letter, then up to 99 ASCII letters, digits, '_' or '-'")]
    // Issue 20: every name that reaches a CI script is held to one rule when the pipeline loads, not only when
    // workflows are generated, so every command refuses it and no pipeline that breaks it gets as far as emission.
    [InlineData(typeof(InjectedNamePipeline), "InjectedNamePipeline: the pipeline name (Name) 'Inj;touch${IFS}pwned;echo${{ github.event.issue.title }}#' is not valid: use an ASCII letter, then up to 99 ASCII letters, digits, '_' or '-'")]
    [InlineData(typeof(AccentedStagePipeline), "AccentedStage.Préparer: the stage name 'Préparer' is not valid: use an ASCII letter")]
    [InlineData(typeof(DottedArtifactPipeline), "DottedArtifact.Run: evaluating the definition failed: Artifact name 'splits.v2' is not valid: use an ASCII letter")]
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
    public void A_pipeline_whose_name_is_refused_is_reported_under_its_class_name_with_the_name_shown_once_quoted()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(InjectedNamePipeline), "Run");

        Assert.Contains("pipeline InjectedName (InjectedNamePipeline) failed to define:", result.Error);
        // Only the problem shows the refused name, quoted; the header names the class, which is safe to print.
        Assert.Equal(1, result.Error.Split("Inj;touch").Length - 1);
        Assert.Contains("'Inj;touch", result.Error);
    }

    [Fact]
    public void Two_pipelines_with_one_name_are_a_definition_error()
    {
        var error = Assert.Throws<DefinitionException>(() => PipelineLoader.LoadAll([typeof(ClashPipeline), typeof(OtherClash)], ParameterSources.Empty(Path.GetTempPath())));

        Assert.Contains("Two pipelines are named 'Clash'", Assert.Single(error.Problems));
    }
}
