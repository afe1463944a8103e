using LlmOps.Dsl;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class ReservedParameterNameTests
{
    [Theory]
    [InlineData(typeof(PathPipeline), "PATH")]
    [InlineData(typeof(RootPipeline), "LLMOPS_*")]
    [InlineData(typeof(GithubTokenPipeline), "GITHUB_*")]
    [InlineData(typeof(BuildReasonPipeline), "BUILD_*")]
    public void A_parameter_passed_as_a_variable_the_shell_or_runner_sets_is_an_emission_error(Type pipeline, string collision)
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(pipeline));
        Assert.Contains($"collides with {collision}", error.Message);
        Assert.Contains("[Parameter(Name = ...)]", error.Message);
    }

    [Fact]
    public void Renaming_the_parameter_resolves_the_collision()
    {
        Assert.NotEmpty(Loaded.Generate(typeof(RenamedPathPipeline)));
    }

    public sealed class PathPipeline : Pipeline, IHasWorkflows
    {
        [Parameter("Where")]
        public string Path { get; set; } = "x";

        public Stage Use => _ => _.Executes(ctx => ctx.Log(Path));

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("path").OnPush("main").Runs(Use)];
    }

    public sealed class RenamedPathPipeline : Pipeline, IHasWorkflows
    {
        [Parameter("Where", Name = "data-path")]
        public string Path { get; set; } = "x";

        public Stage Use => _ => _.Executes(ctx => ctx.Log(Path));

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("renamed").OnPush("main").Runs(Use)];
    }

    public sealed class RootPipeline : Pipeline, IHasWorkflows
    {
        [Parameter("Root")]
        public string LlmopsRoot { get; set; } = "x";

        public Stage Use => _ => _.Executes(ctx => ctx.Log(LlmopsRoot));

        public IEnumerable<WorkflowDefinition> Workflows => [AzurePipelines.Pipeline("root").OnPush("main").Runs(Use)];
    }

    public sealed class GithubTokenPipeline : Pipeline, IHasWorkflows
    {
        [Parameter("Not a secret")]
        public string GithubToken { get; set; } = "x";

        public Stage Use => _ => _.Executes(ctx => ctx.Log(GithubToken));

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("token").OnPush("main").Runs(Use)];
    }

    public sealed class BuildReasonPipeline : Pipeline, IHasWorkflows
    {
        [Parameter("Why")]
        public string BuildReason { get; set; } = "x";

        public Stage Use => _ => _.Executes(ctx => ctx.Log(BuildReason));

        public IEnumerable<WorkflowDefinition> Workflows => [AzurePipelines.Pipeline("reason").OnPush("main").Runs(Use)];
    }
}
