using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Planning;

public sealed class ArtifactWiringTests
{
    [Fact]
    public void Consuming_an_artifact_no_stage_produces_is_a_plan_error_naming_the_stage()
    {
        var error = Assert.Throws<DefinitionException>(() => Plans.Graph(typeof(MissingProducerPipeline)));

        Assert.Equal(
            "MissingProducer.Train consumes artifact 'features' (dataset), but no stage of pipeline MissingProducer produces it.",
            Assert.Single(error.Problems));
    }

    [Fact]
    public void Two_producers_of_one_artifact_are_a_plan_error_naming_both()
    {
        var error = Assert.Throws<DefinitionException>(() => Plans.Graph(typeof(DuplicateProducerPipeline)));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("Artifact 'model' is produced by more than one stage: DuplicateProducer.TrainSmall, DuplicateProducer.TrainLarge", problem);
    }

    [Fact]
    public void A_cycle_through_an_ordering_edge_is_a_plan_error_naming_its_stages()
    {
        var error = Assert.Throws<DefinitionException>(() => Plans.Graph(typeof(CyclePipeline)));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("Cycle: ", problem);
        Assert.Contains("Cycle.Alpha", problem);
        Assert.Contains("Cycle.Beta", problem);
        Assert.Contains("Cycle.Gamma", problem);
    }

    [Fact]
    public void A_consumer_of_the_wrong_kind_is_told_what_the_producer_makes()
    {
        var error = Assert.Throws<DefinitionException>(() => Plans.Graph(typeof(KindMismatchPipeline)));

        Assert.Equal(
            "KindMismatch.Use consumes artifact 'shared' (model), but no stage of pipeline KindMismatch produces it; KindMismatch.Make produces 'shared' as dataset.",
            Assert.Single(error.Problems));
    }

    [Theory]
    [InlineData(typeof(MissingProducerPipeline), "Harmless", "MissingProducer.Train consumes artifact 'features'")]
    [InlineData(typeof(DuplicateProducerPipeline), "TrainSmall", "produced by more than one stage")]
    [InlineData(typeof(CyclePipeline), "Alpha", "Cycle: ")]
    public void Wiring_errors_stop_the_command_line_with_exit_code_2_before_any_stage_runs(Type pipeline, string target, string expected)
    {
        using var repo = new TempRepo();

        var result = repo.Run(pipeline, target);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.All);
        Assert.Empty(repo.Trace());
        Assert.Equal(0, repo.RunCount);
    }

    [Fact]
    public void Problems_of_several_pipelines_are_reported_together()
    {
        var error = Assert.Throws<DefinitionException>(() => Plans.Graph(typeof(MissingProducerPipeline), typeof(DuplicateProducerPipeline)));

        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void Consuming_an_artifact_implies_the_dependency_on_its_producer()
    {
        var plan = Plans.Plan(typeof(WiringPipeline), "Use");

        Assert.Equal(["Make", "Fit", "Use"], Plans.Names(plan));
        var use = plan.Graph[Plans.Stage(plan.Graph, "Use")];
        Assert.Equal(["Fit", "Make"], use.Dependencies.Select(d => d.Name).Order());
        Assert.Equal("model", use.ImpliedBy[Plans.Stage(plan.Graph, "Fit")]);
        Assert.Equal("data", use.ImpliedBy[Plans.Stage(plan.Graph, "Make")]);
        Assert.Equal("dependency of Wiring.Use", plan.Find(Plans.Stage(plan.Graph, "Fit"))!.Reason);
    }

    [Fact]
    public void Consumed_artifacts_reach_the_consumer_through_the_store()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(WiringPipeline), "Use");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Wiring.Make", "Wiring.Fit", "Wiring.Use"], repo.Trace());
        var run = repo.LatestRun();
        var model = repo.Stage(run, "Wiring.Fit").Outputs["model"];
        Assert.Equal(64, model.Length);
        Assert.True(File.Exists(Path.Combine(repo.StateDirectory, "store", "manifests", model + ".json")));
    }
}
