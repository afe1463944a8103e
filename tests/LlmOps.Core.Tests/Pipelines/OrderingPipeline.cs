namespace LlmOps.Core.Tests.Pipelines;

/// <summary>
/// Every ordering relation, declared in an order that differs from the order they must run in, so a plan that
/// followed declaration order would be wrong.
/// </summary>
public sealed class OrderingPipeline : Pipeline
{
    Stage Publish => _ => _.Description("Publish the package").DependsOn(Package).Triggers(Tag).Executes(Trace.Mark);

    Stage Package => _ => _.DependsOn(Compile, Lint).Executes(Trace.Mark);

    Stage Lint => _ => _.DependsOn(Restore).Executes(Trace.Mark);

    Stage Compile => _ => _.DependsOn(Restore).Executes(Trace.Mark);

    Stage Restore => _ => _.Executes(Trace.Mark);

    Stage Docs => _ => _.After(Compile).Executes(Trace.Mark);

    Stage Announce => _ => _.Before(Restore).Executes(Trace.Mark);

    Stage Notify => _ => _.TriggeredBy(Publish).Executes(Trace.Mark);

    Stage Tag => _ => _.Executes(Trace.Mark);
}
