namespace LlmOps.Core.Tests.Pipelines;

// A healthy pipeline and broken ones beside it, to show that one broken pipeline blocks only itself.

/// <summary>Nothing wrong with it.</summary>
public sealed class HealthyPipeline : Pipeline
{
    [Parameter]
    readonly int Epochs = 3;

    Stage Work => _ => _.NotCached("test").Executes(ctx => Trace.Note(ctx, $"epochs={Epochs}"));

    Stage Prepare => _ => _.NotCached("test").Executes(Trace.Mark);
}

/// <summary>A stage whose definition throws.</summary>
public sealed class BrokenDefinitionPipeline : Pipeline
{
    [Parameter]
    readonly int Epochs = 1;

    Stage Work => _ => throw new InvalidOperationException("no config file");

    Stage Other => _ => _.Executes(ctx => Trace.Note(ctx, $"{Epochs}"));
}

/// <summary>A constructor that throws.</summary>
public sealed class BrokenConstructorPipeline : Pipeline
{
    public BrokenConstructorPipeline() => throw new InvalidOperationException("settings file missing");

    Stage Build => _ => _.Executes(Trace.Mark);
}
