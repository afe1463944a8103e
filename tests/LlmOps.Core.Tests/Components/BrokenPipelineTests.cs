using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Components;

/// <summary>A pipeline that fails to define blocks only itself; its problems are named wherever it matters.</summary>
public sealed class BrokenPipelineTests
{
    private static readonly Type[] Pipelines = [typeof(HealthyPipeline), typeof(BrokenDefinitionPipeline), typeof(BrokenConstructorPipeline), typeof(MissingProducerPipeline)];

    [Fact]
    public void A_target_of_a_healthy_pipeline_runs_and_the_output_warns_about_the_broken_ones()
    {
        using var repo = new TempRepo();

        var result = repo.Run(Pipelines, "Healthy.Work");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Healthy.Work epochs=3"], repo.Trace());
        Assert.Contains("warning: pipeline BrokenDefinition (BrokenDefinitionPipeline) failed to define:", result.Error);
        Assert.Contains("BrokenDefinition.Work: evaluating the definition failed: no config file", result.Error);
        Assert.Contains("warning: pipeline BrokenConstructor (BrokenConstructorPipeline) failed to define:", result.Error);
        Assert.Contains("BrokenConstructorPipeline: the constructor failed: settings file missing", result.Error);
        Assert.Contains("warning: pipeline MissingProducer (MissingProducerPipeline) failed to define:", result.Error);
        Assert.Contains("MissingProducer.Train consumes artifact 'features'", result.Error);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Theory]
    [InlineData("BrokenDefinition.Other", "Target 'BrokenDefinition.Other' cannot run: pipeline BrokenDefinition (BrokenDefinitionPipeline) failed to define:")]
    [InlineData("Other", "Target 'Other' cannot run: pipeline BrokenDefinition (BrokenDefinitionPipeline) failed to define:")]
    [InlineData("Work", "Target 'Work' is ambiguous: Healthy.Work, BrokenDefinition.Work. Name it with its pipeline.")]
    [InlineData("BrokenConstructor.Build", "Target 'BrokenConstructor.Build' cannot run: pipeline BrokenConstructor (BrokenConstructorPipeline) failed to define:")]
    [InlineData("Healthy.Work MissingProducer.Harmless", "Target 'MissingProducer.Harmless' cannot run: pipeline MissingProducer (MissingProducerPipeline) failed to define:")]
    public void A_target_of_a_broken_pipeline_fails_with_exit_code_2_naming_the_pipeline_and_its_problems(string targets, string expected)
    {
        using var repo = new TempRepo();

        var result = repo.Run(Pipelines, targets.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: " + expected, result.Error);
        Assert.DoesNotContain("   at ", result.All);
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void A_value_for_a_broken_pipelines_parameter_is_not_an_unknown_parameter()
    {
        using var repo = new TempRepo();
        repo.Write(".nuke/parameters.json", """{ "BrokenDefinition.Epochs": 4 }""");

        var result = repo.Run(Pipelines, "Healthy.Work", "--broken-definition.epochs", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Help_lists_the_healthy_pipelines_and_says_which_failed_to_define_and_why()
    {
        using var repo = new TempRepo();

        var result = repo.Run(Pipelines, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Targets of pipeline Healthy (HealthyPipeline):", result.Output);
        Assert.DoesNotContain("Targets of pipeline BrokenDefinition", result.Output);
        Assert.Matches(@"Pipeline BrokenDefinition \(BrokenDefinitionPipeline\) failed to define; its targets cannot run until it is fixed:\r?\n  BrokenDefinition.Work: evaluating the definition failed: no config file", result.Output);
        Assert.Contains("Pipeline BrokenConstructor (BrokenConstructorPipeline) failed to define", result.Output);
    }

    [Fact]
    public void Generating_workflows_with_a_broken_pipeline_fails_and_writes_nothing()
    {
        using var repo = new TempRepo();

        var result = repo.Run(Pipelines, "GenerateWorkflows");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: workflows are generated from every pipeline, and some failed to define", result.Error);
        Assert.Contains("BrokenDefinition.Work: evaluating the definition failed: no config file", result.Error);
        Assert.False(repo.Exists(".github"));
    }

    [Fact]
    public void A_pipeline_whose_stage_depends_on_a_broken_pipeline_fails_too_and_names_it()
    {
        var set = PipelineSet.Load([typeof(HealthyPipeline), typeof(CrossReferencePipeline), typeof(CycleTargetPipeline)], ParameterSources.Empty(Path.GetTempPath()));

        Assert.Equal(["Healthy"], set.Pipelines.Select(p => p.Name));
        Assert.Equal(["CrossReference", "CycleTarget"], set.Failures.Select(f => f.Name));
        Assert.Contains("CrossReference.Use: DependsOn names CycleTarget.Alpha, whose pipeline CycleTarget failed to define.", set.Failures[0].Problems);
        Assert.Contains("Cycle: CycleTarget.Alpha -> CycleTarget.Beta -> CycleTarget.Alpha (each stage must come after the next).", set.Failures[1].Problems);
    }

    [Fact]
    public void A_stage_may_depend_on_a_stage_of_another_pipeline_through_an_instance_of_its_class()
    {
        using var repo = new TempRepo();

        var result = repo.Run([typeof(ProviderPipeline), typeof(ConsumerPipeline)], "Consumer.Use");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Provider.Count epochs=2", "Provider.Provide"], repo.Trace().Take(2).Order());
        Assert.Equal("Consumer.Use", repo.Trace()[2]);
    }

    /// <summary>Its two stages wait for each other.</summary>
    public sealed class CycleTargetPipeline : Pipeline
    {
        public Stage Alpha => _ => _.DependsOn(Beta).Executes(Trace.Mark);

        Stage Beta => _ => _.DependsOn(Alpha).Executes(Trace.Mark);
    }

    /// <summary>Depends on a stage of the broken pipeline.</summary>
    public sealed class CrossReferencePipeline : Pipeline
    {
        Stage Use => _ => _.DependsOn(new CycleTargetPipeline().Alpha).Executes(Trace.Mark);
    }

    /// <summary>Stages others depend on: one that captures nothing, one that reads a parameter of its instance.</summary>
    public sealed class ProviderPipeline : Pipeline
    {
        [Parameter]
        readonly int Epochs = 2;

        public Stage Provide => _ => _.NotCached("test").Executes(Trace.Mark);

        public Stage Count => _ => _.NotCached("test").Executes(ctx => Trace.Note(ctx, $"epochs={Epochs}"));
    }

    /// <summary>Depends on both stages of the provider.</summary>
    public sealed class ConsumerPipeline : Pipeline
    {
        private static readonly ProviderPipeline Provider = new();

        Stage Use => _ => _.NotCached("test").DependsOn(Provider.Provide, Provider.Count).Executes(Trace.Mark);
    }
}
