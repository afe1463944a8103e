using LlmOps.Dsl;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class InputDefaultTests
{
    [Theory]
    [InlineData(typeof(CommaListPipeline), "an item that contains ','")]
    [InlineData(typeof(BigLongPipeline), "beyond 2^53")]
    [InlineData(typeof(NullableBoolPipeline), "nullable bool without a default")]
    [InlineData(typeof(NullableEnumPipeline), "nullable enum without a default")]
    public void A_default_a_manual_run_would_not_hand_back_unchanged_is_an_emission_error(Type pipeline, string problem)
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(pipeline));
        Assert.Contains(problem, error.Message);
        Assert.Contains("leave the parameter out of OnManualDispatch", error.Message);
    }

    [Fact]
    public void Defaults_that_round_trip_pass()
    {
        Assert.NotEmpty(Loaded.Generate(typeof(RoundTrippingPipeline)));
    }

    public enum Mode
    {
        Fast,
        Slow,
    }

    public sealed class CommaListPipeline : Pipeline, IHasWorkflows
    {
        [Parameter("Tags")]
        public string[] Tags { get; set; } = ["a,b", "c"];

        public Stage Use => _ => _.Executes(ctx => ctx.Log(Tags.Length.ToString()));

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("comma").OnManualDispatch().Runs(Use)];
    }

    public sealed class BigLongPipeline : Pipeline, IHasWorkflows
    {
        [Parameter("Seed")]
        public long Seed { get; set; } = (1L << 53) + 1;

        public Stage Use => _ => _.Executes(ctx => ctx.Log(Seed.ToString()));

        public IEnumerable<WorkflowDefinition> Workflows => [AzurePipelines.Pipeline("big").OnManualDispatch().Runs(Use)];
    }

    public sealed class NullableBoolPipeline : Pipeline, IHasWorkflows
    {
        [Parameter("Maybe")]
        public bool? Maybe { get; set; }

        public Stage Use => _ => _.Executes(ctx => ctx.Log($"{Maybe}"));

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("maybe").OnManualDispatch().Runs(Use)];
    }

    public sealed class NullableEnumPipeline : Pipeline, IHasWorkflows
    {
        [Parameter("Mode")]
        public Mode? Mode { get; set; }

        public Stage Use => _ => _.Executes(ctx => ctx.Log($"{Mode}"));

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("mode").OnManualDispatch().Runs(Use)];
    }

    public sealed class RoundTrippingPipeline : Pipeline, IHasWorkflows
    {
        [Parameter("Tags")]
        public string[] Tags { get; set; } = ["a", "b"];

        [Parameter("Seed")]
        public long Seed { get; set; } = 1L << 53;

        [Parameter("Maybe")]
        public bool? Maybe { get; set; } = true;

        public Stage Use => _ => _.Executes(ctx => ctx.Log($"{Tags.Length} {Seed} {Maybe}"));

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("fine").OnManualDispatch().Runs(Use)];
    }
}
