namespace LlmOps.Core.Tests.Pipelines;

/// <summary>Stages that need parameters without a usable default; a stage skipped by a condition needs none.</summary>
public sealed class RequirementPipeline : Pipeline
{
    [Parameter("Key for the deployment API")]
    readonly string ApiKey = "";

    [Parameter("Region to deploy to")]
    readonly string? Region = null;

    [Parameter("Where the smoke test sends requests")]
    readonly Uri? Endpoint = null;

    [Parameter("Replicas of the offline copy")]
    readonly int Replicas = 0;

    Stage Build => _ => _.Executes(Trace.Mark);

    Stage Deploy => _ => _.DependsOn(Build).Requires(() => ApiKey, () => Region).Executes(Trace.Mark);

    Stage Smoke => _ => _.DependsOn(Deploy).Requires(() => Endpoint).Executes(Trace.Mark);

    Stage Offline => _ => _.OnlyWhenStatic(() => Replicas > 0).Requires(() => ApiKey).Executes(Trace.Mark);
}
