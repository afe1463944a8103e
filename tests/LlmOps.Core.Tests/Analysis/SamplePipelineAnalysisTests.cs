using LlmOps.Pipelines.FineTune;
using LlmOps.Pipelines.Support;

namespace LlmOps.Core.Tests.Analysis;

/// <summary>The shipped pipelines are analysed stage by stage: none falls back to the whole assembly.</summary>
public sealed class SamplePipelineAnalysisTests
{
    [Theory]
    [InlineData(typeof(SupportPipeline))]
    [InlineData(typeof(FineTunePipeline))]
    public void Every_stage_of_a_sample_pipeline_is_keyed_on_its_own_code(Type pipeline)
    {
        using var repo = new TempRepo();
        var model = PipelineLoader.Load(pipeline, ParameterSources.Empty(repo.Root));

        var analyses = model.Stages.ToDictionary(s => s.Name, StageCodeAnalysis.Of);

        Assert.All(analyses, a => Assert.True(a.Value.IsComplete, $"{a.Key}: {a.Value.WholeAssemblyNote}"));
        Assert.All(analyses, a => Assert.StartsWith("stage:", a.Value.CodeHash, StringComparison.Ordinal));
        Assert.Equal(analyses.Count, analyses.Values.Select(a => a.CodeHash).Distinct().Count());
    }

    [Fact]
    public void The_support_stages_read_the_parameters_their_code_uses()
    {
        using var repo = new TempRepo();
        var model = PipelineLoader.Load(typeof(SupportPipeline), ParameterSources.Empty(repo.Root));

        string[] Read(string stage) => [.. StageCodeAnalysis.Of(model.Find(stage)!).ParametersRead.Select(p => p.MemberName)];

        Assert.Equal(["EvalFraction"], Read("Validate"));
        Assert.Equal(["Epochs", "L2Regularization", "TrainIn", "TrainerBaseImage"], Read("Train"));
        Assert.Equal(["MinAccuracy", "DeployTo", "DeployDirectory"], Read("Evaluate")); // the champion is the model deployed there
        Assert.Equal(["DeployTo", "DeployDirectory", "ServingPort", "ServingBaseImage"], Read("Deploy"));
        Assert.Equal(["GovernanceSigningKey", "MaxSliceGap"], Read("Govern").Order());
        Assert.Equal(["GovernanceSigningKey"], Read("GovernDeployed"));
        Assert.Equal(["Epochs", "EvalFraction", "L2Regularization", "PackageRegistry", "PackageSigningKey"], Read("Pack").Order());
    }
}
