using LlmOps.Dsl;

namespace LlmOps.Emission.Tests.Pipelines;

/// <summary>The example of docs/emission.md: its generated files are pasted there.</summary>
public sealed class SupportPipeline : Pipeline, IHasWorkflows
{
    [Parameter("Training passes over the data")]
    public int Epochs { get; set; } = 3;

    [Parameter("Hugging Face token"), Secret]
    public string HfToken { get; set; } = "";

    public Artifact<DatasetArtifact> Splits => new("support-splits");
    public Artifact<ModelArtifact> Model => new("intent-model");

    public Stage Validate => _ => _
        .Description("Check the dataset and split it")
        .Produces(Splits)
        .Executes(_ => { });

    public Stage Train => _ => _
        .Description("Fine-tune the classifier")
        .Consumes(Splits)
        .Produces(Model)
        .RequiresGpus(1)
        .Timeout(TimeSpan.FromHours(2))
        .Executes(ctx => ctx.Log($"{Epochs} {HfToken.Length}"));

    public Stage Deploy => _ => _
        .Description("Deploy to production")
        .Consumes(Model)
        .DeploysTo("production", "https://support.example.com")
        .UsesOidcLogin("azure")
        .Executes(_ => { });

    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("support")
            .OnPush("main", paths: ["pipelines/support/**"])
            .OnManualDispatch()
            .Runs(Deploy),
        AzurePipelines.Pipeline("support")
            .UsesServiceConnection("support-production")
            .OnPush("main")
            .Runs(Deploy),
    ];
}
