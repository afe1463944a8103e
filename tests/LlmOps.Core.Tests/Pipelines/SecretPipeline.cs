namespace LlmOps.Core.Tests.Pipelines;

/// <summary>Stages that log, fail with and crash with a secret value; none of it may reach a file or the console unmasked.</summary>
public sealed class SecretPipeline : Pipeline
{
    [Parameter("Token for the model registry"), Secret]
    readonly string ApiToken = "";

    [Parameter("PIN of the signing card"), Secret]
    public int Pin;

    Stage Call => _ => _.Description("Call the registry").Executes(ctx =>
    {
        ctx.Log($"calling the registry with token {ApiToken}");
        Trace.Mark(ctx);
    });

    Stage Leak => _ => _.Executes(ctx => throw new StageFailedException($"the registry rejected token {ApiToken}"));

    Stage Crash => _ => _.Executes(ctx => throw new InvalidOperationException($"token {ApiToken} is malformed"));
}
