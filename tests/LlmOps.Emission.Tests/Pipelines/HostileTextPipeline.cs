using LlmOps.Dsl;

namespace LlmOps.Emission.Tests.Pipelines;

/// <summary>
/// A pipeline whose every user-controlled string is set by a test before each load: the names that reach scripts
/// (pipeline, artifact, group, workflow) and the free text that must reach steps only through <c>env:</c>. Tests
/// that use it share the <see cref="UserTextPipeline"/> collection, so they do not run at the same time.
/// </summary>
public sealed class HostileTextPipeline : Pipeline, IHasWorkflows
{
    public static string PipelineName { get; set; } = "Hostile";

    public static string ArtifactName { get; set; } = "data";

    public static string GroupName { get; set; } = "group";

    public static string WorkflowName { get; set; } = "hostile";

    public static string Description { get; set; } = "";

    public static string Environment { get; set; } = "production";

    public static string Branch { get; set; } = "main";

    public static string PathFilter { get; set; } = "src/**";

    public static string DefaultText { get; set; } = "";

    public static string Label { get; set; } = "gpu";

    public override string Name => PipelineName;

    [Parameter("Free text")]
    public string Greeting { get; set; } = DefaultText;

    public Artifact<DatasetArtifact> Data => new(ArtifactName);

    public Stage Make => _ => _.Description(Description).Produces(Data).Executes(ctx => ctx.Log(Greeting));

    public Stage Check => _ => _.Description(Description).DependsOn(Make).Consumes(Data).Executes(ctx => ctx.Log(Greeting));

    public Stage Ship => _ => _.DependsOn(Check).Consumes(Data).DeploysTo(Environment).Executes(_ => { });

    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow(WorkflowName).OnPush(Branch, paths: [PathFilter]).OnPullRequest().OnManualDispatch()
            .RunsOn(Make, GitHubRunner.SelfHosted(Label)).Group(GroupName, Check).Runs(Ship),
        AzurePipelines.Pipeline(WorkflowName).OnPush(Branch, paths: [PathFilter]).OnPullRequest().OnManualDispatch()
            .RunsOn(Make, AzurePool.SelfHosted(Label)).Group(GroupName, Check).Runs(Ship),
    ];
}
