namespace LlmOps.Core.Tests.Pipelines;

/// <summary>
/// Static conditions see only what is known at plan time; dynamic ones see what earlier stages did. Prepare flips
/// <see cref="Prepared"/> while it runs, so the same condition is false statically and true dynamically.
/// </summary>
public sealed class ConditionPipeline : Pipeline
{
    [Parameter("How many shards to build")]
    readonly int Shards = 0;

    bool Prepared { get; set; }

    Stage Prepare => _ => _.Executes(ctx =>
    {
        Prepared = true;
        Trace.Mark(ctx);
    });

    Stage Shard => _ => _.OnlyWhenStatic(() => Shards > 0).Executes(Trace.Mark);

    Stage Mirror => _ => _.DependsOn(Prepare).OnlyWhenStatic(() => Prepared).NotCached("observes run-time state").Executes(Trace.Mark);

    Stage Upload => _ => _.DependsOn(Prepare).OnlyWhenDynamic(() => Prepared).NotCached("observes run-time state").Executes(Trace.Mark);

    Stage Rollback => _ => _.DependsOn(Prepare).OnlyWhenDynamic(() => !Prepared).NotCached("observes run-time state").Executes(Trace.Mark);
}
