using LlmOps.Dsl;

namespace LlmOps.Emission.Tests.Pipelines;

/// <summary>Builds a package and deploys it to three environments, each deployment only needing the package.</summary>
public class PromotionPipeline : Pipeline, IHasWorkflows
{
    public Artifact<ModelArtifact> Package => new("package");

    public Stage Build => _ => _.Produces(Package).Executes(_ => { });

    public Stage Test => _ => _.DependsOn(Build).Executes(_ => { });

    // Declared out of promotion order on purpose: the declared order, not the plan's, decides.
    public Stage ToProduction => _ => _.Consumes(Package).DependsOn(Test).DeploysTo("production").Executes(_ => { });

    public Stage ToDev => _ => _.Consumes(Package).DependsOn(Test).DeploysTo("dev").Executes(_ => { });

    public Stage ToStaging => _ => _.Consumes(Package).DependsOn(Test).DeploysTo("staging").Executes(_ => { });

    public Stage Smoke => _ => _.TriggeredBy(ToDev).Executes(_ => { });

    public virtual IEnumerable<WorkflowDefinition> Workflows =>
    [
        AzurePipelines.Pipeline("promotion").OnPush("main").PromotesThrough("dev", "staging", "production").Runs(ToProduction, ToDev, ToStaging),
    ];
}

/// <summary>A promotion order that leaves out an environment the workflow deploys to.</summary>
public sealed class IncompletePromotionPipeline : PromotionPipeline
{
    public override string Name => "IncompletePromotion";

    public override IEnumerable<WorkflowDefinition> Workflows =>
        [AzurePipelines.Pipeline("incomplete").OnPush("main").PromotesThrough("dev", "production").Runs(ToProduction, ToDev, ToStaging)];
}
