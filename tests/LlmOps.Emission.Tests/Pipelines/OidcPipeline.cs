using LlmOps.Dsl;

namespace LlmOps.Emission.Tests.Pipelines;

/// <summary>One stage per cloud, each logging in with OIDC.</summary>
public class OidcPipeline : Pipeline, IHasWorkflows
{
    public Stage ToAzure => _ => _.UsesOidcLogin("azure").Executes(_ => { });

    public Stage ToAws => _ => _.UsesOidcLogin("aws").Executes(_ => { });

    public Stage ToGcp => _ => _.UsesOidcLogin("gcp").Executes(_ => { });

    public Stage Plain => _ => _.Executes(_ => { });

    public virtual IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("oidc").OnPush("main").Runs(ToAzure, ToAws, ToGcp, Plain),
        AzurePipelines.Pipeline("oidc").UsesServiceConnection("arm-federated").OnPush("main").Runs(ToAzure, Plain),
    ];
}

/// <summary>An Azure login without a declared service connection.</summary>
public sealed class OidcWithoutConnectionPipeline : OidcPipeline
{
    public override string Name => "OidcWithoutConnection";

    public override IEnumerable<WorkflowDefinition> Workflows => [AzurePipelines.Pipeline("oidc").OnPush("main").Runs(ToAzure)];
}

/// <summary>An AWS login on Azure Pipelines, which has no built-in one.</summary>
public sealed class AwsOnAzurePipeline : OidcPipeline
{
    public override string Name => "AwsOnAzure";

    public override IEnumerable<WorkflowDefinition> Workflows => [AzurePipelines.Pipeline("oidc").UsesServiceConnection("arm").OnPush("main").Runs(ToAws)];
}

/// <summary>A cloud the emitter has no login for.</summary>
public sealed class UnknownCloudPipeline : OidcPipeline
{
    public Stage ToElsewhere => _ => _.UsesOidcLogin("elsewhere").Executes(_ => { });

    public override string Name => "UnknownCloud";

    public override IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("oidc").OnPush("main").Runs(ToElsewhere)];
}
