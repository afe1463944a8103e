namespace LlmOps.Core.Tests.Pipelines;

/// <summary>A failing stage marked ProceedAfterFailure: stages that do not depend on it still run.</summary>
public sealed class ProceedPipeline : Pipeline
{
    Stage Flaky => _ => _.ProceedAfterFailure().Executes(ctx =>
    {
        Trace.Mark(ctx);
        throw new StageFailedException("the optional benchmark is unavailable");
    });

    Stage Downstream => _ => _.DependsOn(Flaky).Executes(Trace.Mark);

    Stage Other => _ => _.After(Flaky).Executes(Trace.Mark);
}
