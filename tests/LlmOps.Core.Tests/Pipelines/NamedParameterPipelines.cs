namespace LlmOps.Core.Tests.Pipelines;

// Two pipelines with a parameter of the same name, named as the repository's sample pipelines are.

/// <summary>Named Support, with Epochs.</summary>
public sealed class EpochsSupportPipeline : Pipeline
{
    [Parameter("Training passes")]
    readonly int Epochs = 3;

    public override string Name => "Support";

    Stage Train => _ => _.NotCached("test").Executes(ctx => Trace.Note(ctx, $"epochs={Epochs}"));
}

/// <summary>Named FineTune, with Epochs too.</summary>
public sealed class EpochsFineTunePipeline : Pipeline
{
    [Parameter("Training passes")]
    readonly int Epochs = 1;

    public override string Name => "FineTune";

    Stage Tune => _ => _.NotCached("test").Executes(ctx => Trace.Note(ctx, $"epochs={Epochs}"));
}
