using LlmOps.Dsl;

namespace LlmOps.Emission.Tests.Pipelines;

/// <summary>A pipeline whose pull requests get the plan diff on both platforms, and a secret that job must not see.</summary>
public sealed class ReviewedPipeline : Pipeline, IHasWorkflows
{
    [Parameter("A token the training stage needs"), Secret]
    public string ApiToken { get; set; } = "";

    public Stage Train => _ => _
        .Description("Train")
        .Executes(ctx => ctx.Log(ApiToken.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("reviewed").OnPush("main").OnPullRequest().PostsPlanDiff().Runs(Train),
        AzurePipelines.Pipeline("reviewed").OnPush("main").OnPullRequest().PostsPlanDiff().Runs(Train),
    ];
}
