namespace LlmOps.Core.Tests.Pipelines;

// Pipelines that share stage code: a base class and a component. The stage lambdas that capture nothing are one
// cached delegate for every instance, so only the pipeline a reference is made in can tell whose stage it names.

/// <summary>A shared base: two stages, the second depending on the first.</summary>
public abstract class TrainerBase : Pipeline
{
    protected Stage Prepare => _ => _.NotCached("test").Executes(Trace.Mark);

    protected Stage Train => _ => _.NotCached("test").DependsOn(Prepare).Executes(Trace.Mark);
}

/// <summary>One user of the base, with a stage of its own on top.</summary>
public sealed class AlphaPipeline : TrainerBase
{
    Stage Ship => _ => _.NotCached("test").DependsOn(Train).Executes(Trace.Mark);
}

/// <summary>Another user of the base.</summary>
public sealed class BetaPipeline : TrainerBase;

/// <summary>A component: a parameter and two stages, declared once and reused by several pipelines.</summary>
public interface IScoreModel : IPipeline
{
    [Parameter("Held-out examples to score")]
    int EvalSamples => TryGetValue<int?>(() => EvalSamples) ?? 200;

    [Parameter("Label of the scoring run")]
    string ScoreLabel => TryGetValue(() => ScoreLabel) ?? "plain";

    Stage Fit => _ => _.Description("Fit the model").NotCached("test").Executes(Trace.Mark);

    Stage Score => _ => _
        .Description("Score the model")
        .DependsOn(Fit)
        .Executes(ctx => Trace.Note(ctx, $"samples={EvalSamples} label={ScoreLabel} in {Name}"));
}

/// <summary>Uses the component as it is.</summary>
public sealed class GammaPipeline : Pipeline, IScoreModel;

/// <summary>Uses the component and builds on it.</summary>
public sealed class DeltaPipeline : Pipeline, IScoreModel
{
    Stage Publish => _ => _.NotCached("test").DependsOn(From<IScoreModel>().Score).Executes(Trace.Mark);
}

/// <summary>Replaces the component's Fit with a private stage of its own (hiding rather than implementing it).</summary>
public sealed class HidingPipeline : Pipeline, IScoreModel
{
    Stage Fit => _ => _.Description("Fit, the hiding pipeline's way").NotCached("test").Executes(ctx => Trace.Note(ctx, "own fit"));
}

/// <summary>Replaces the component's Fit by implementing it explicitly.</summary>
public sealed class ImplementingPipeline : Pipeline, IScoreModel
{
    Stage IScoreModel.Fit => _ => _.Description("Fit, the implementing pipeline's way").NotCached("test").Executes(ctx => Trace.Note(ctx, "own fit"));
}

/// <summary>Re-declares a component parameter, which would leave two members for one value.</summary>
public sealed class ParameterClashPipeline : Pipeline, IScoreModel
{
    [Parameter]
    readonly int EvalSamples = 5;

    Stage Show => _ => _.Executes(ctx => Trace.Note(ctx, $"{EvalSamples}"));
}
