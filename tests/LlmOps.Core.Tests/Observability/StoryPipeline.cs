namespace LlmOps.Core.Tests.Observability;

/// <summary>A two-stage run with a summary, a near-flat accuracy curve and a parameter, for the run report's story.</summary>
public sealed class StoryPipeline : Pipeline
{
    [Parameter("Passes")]
    readonly int Epochs = 2;

    public override string Directory => ".";

    Stage Prepare => _ => _
        .NotCached("a report test")
        .Executes(ctx => ctx.Summary("### Validation\n\n| split | examples |\n|---|---|\n| train | 120 |\n\n<script>alert(1)</script>"));

    Stage Fit => _ => _
        .DependsOn(Prepare)
        .NotCached("a report test")
        .Executes(ctx =>
        {
            for (var step = 0; step < 4; step++)
            {
                ctx.Metric("accuracy", 0.9646 + (0.0001 * step), step);
            }

            ctx.Log($"trained {Epochs} epochs");
            ctx.Summary("**Gate**: passed, accuracy 0.9649 [0.95, 0.97]");
        });
}
