using LlmOps.Dsl;

namespace LlmOps.Emission.Tests.Pipelines;

/// <summary>One stage whose workflows pass MLflow's connection to the job.</summary>
public sealed class TrackedTrainPipeline : Pipeline, IHasWorkflows
{
    public Stage Fit => _ => _
        .Description("Fit")
        .Executes(_ => { });

    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("tracked").OnPush("main").TracksExperiments().Runs(Fit),
        AzurePipelines.Pipeline("tracked").OnPush("main").TracksExperiments().Runs(Fit),
    ];
}
