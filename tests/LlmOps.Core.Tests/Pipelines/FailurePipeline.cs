namespace LlmOps.Core.Tests.Pipelines;

/// <summary>A stage that fails without ProceedAfterFailure, what depends on it, what merely follows it, and cleanup.</summary>
public sealed class FailurePipeline : Pipeline
{
    Stage Prepare => _ => _.Executes(Trace.Mark);

    Stage Broken => _ => _.DependsOn(Prepare).Executes(ctx =>
    {
        Trace.Mark(ctx);
        throw new StageFailedException("the accuracy gate was not met (0.61 < 0.85)");
    });

    Stage Dependent => _ => _.DependsOn(Broken).Executes(Trace.Mark);

    Stage Independent => _ => _.After(Broken).Executes(Trace.Mark);

    Stage Cleanup => _ => _.After(Broken, Dependent, Independent).AssuredAfterFailure().Executes(Trace.Mark);

    Stage Crash => _ => _.Executes(ctx => throw new InvalidOperationException("the disk caught fire"));

    Stage Slow => _ => _.Timeout(TimeSpan.FromMilliseconds(300)).Executes(async ctx => await Task.Delay(Timeout.Infinite, ctx.CancellationToken));

    Stage Wait => _ => _.Executes(async ctx =>
    {
        Trace.Mark(ctx);
        await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
    });

    Stage AfterWait => _ => _.DependsOn(Wait).Executes(Trace.Mark);
}
