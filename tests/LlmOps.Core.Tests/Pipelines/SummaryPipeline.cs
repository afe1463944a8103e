namespace LlmOps.Core.Tests.Pipelines;

/// <summary>Four independent stages that each write many job-summary lines at once.</summary>
public sealed class SummaryPipeline : Pipeline
{
    public const int LinesPerStage = 300;

    Stage A => _ => _.Executes(ctx => Write(ctx, "A"));

    Stage B => _ => _.Executes(ctx => Write(ctx, "B"));

    Stage C => _ => _.Executes(ctx => Write(ctx, "C"));

    Stage D => _ => _.Executes(ctx => Write(ctx, "D"));

    Stage All => _ => _.DependsOn(A, B, C, D);

    static void Write(StageContext ctx, string stage)
    {
        for (var i = 0; i < LinesPerStage; i++)
        {
            ctx.Summary($"| {stage} | line {i:D4} | {new string('x', 200)} |");
        }
    }
}
