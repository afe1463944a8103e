using LlmOps.Dsl;

namespace LlmOps.Emission.Tests.Pipelines;

/// <summary>
/// A pipeline whose descriptions and environment (<see cref="Text"/>) and parameter default and path filter
/// (<see cref="TriggerText"/>) are arbitrary text, set by a test before each load; the tests that use it share one
/// collection, so they do not run at the same time.
/// </summary>
public sealed class UserTextPipeline : Pipeline, IHasWorkflows
{
    public static string Text { get; set; } = "";

    public static string TriggerText { get; set; } = "";

    [Parameter("A parameter whose default is user text")]
    public string Greeting { get; set; } = TriggerText;

    public Artifact<DatasetArtifact> Data => new("data");

    public Stage Build => _ => _.Description(Text).Produces(Data).Executes(ctx => ctx.Log(Greeting));

    public Stage Ship => _ => _.Description(Text).Consumes(Data).DeploysTo(Text).Executes(_ => { });

    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("text").OnPush("main", paths: [TriggerText]).OnManualDispatch().Runs(Ship),
        AzurePipelines.Pipeline("text").OnPush("main", paths: [TriggerText]).OnManualDispatch().Runs(Ship),
    ];
}
