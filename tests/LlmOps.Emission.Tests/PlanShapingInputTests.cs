using LlmOps.Dsl;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class PlanShapingInputTests
{
    [Fact]
    public void A_parameter_that_changes_the_job_graph_named_as_an_input_is_refused_with_the_reason()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(NamedShapingPipeline)));
        Assert.Contains("OnManualDispatch names TrainIn, but its value changes the pipeline's stages or their edges", error.Message);
        Assert.Contains("declare a workflow per value", error.Message);
    }

    [Fact]
    public void When_every_parameter_is_offered_the_plan_shaping_ones_are_left_out()
    {
        var github = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(AllInputsShapingPipeline)), ".github/workflows/all.yml"));
        var inputs = github["on"]!["workflow_dispatch"]!["inputs"]!.AsObject().Select(kv => kv.Key);
        Assert.Equal(["epochs"], inputs);
    }

    public enum Where
    {
        InProcess,
        Container,
    }

    public abstract class ShapingPipeline : Pipeline
    {
        [Parameter("Where Train runs")]
        public Where TrainIn { get; set; } = Where.InProcess;

        [Parameter("Passes")]
        public int Epochs { get; set; } = 1;

        public Stage Publish => _ => _.Executes(_ => { });

        public Stage Train => _ => TrainIn == Where.Container
            ? _.DependsOn(Publish).Executes(ctx => ctx.Log($"{Epochs}"))
            : _.Executes(ctx => ctx.Log($"{Epochs}"));
    }

    public sealed class NamedShapingPipeline : ShapingPipeline, IHasWorkflows
    {
        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("named").OnManualDispatch(() => TrainIn, () => Epochs).Runs(Train)];
    }

    public sealed class AllInputsShapingPipeline : ShapingPipeline, IHasWorkflows
    {
        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("all").OnManualDispatch().Runs(Train)];
    }
}
