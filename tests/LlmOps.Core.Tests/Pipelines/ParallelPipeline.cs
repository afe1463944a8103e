namespace LlmOps.Core.Tests.Pipelines;

/// <summary>
/// Left and Right are independent; each announces itself and waits (without blocking a thread) up to
/// <see cref="Patience"/> for the other, recording whether they overlapped. Marker files live under the root so
/// concurrent tests do not share state.
/// </summary>
public sealed class ParallelPipeline : Pipeline
{
    [Parameter("How long each stage waits to see the other one running")]
    readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    Stage Left => _ => _.Executes(ctx => Overlap(ctx, "Left", "Right", Patience));

    Stage Right => _ => _.Executes(ctx => Overlap(ctx, "Right", "Left", Patience));

    Stage Both => _ => _.DependsOn(Left, Right).Executes(Trace.Mark);

    static async Task Overlap(StageContext ctx, string self, string other, TimeSpan patience)
    {
        File.WriteAllText(Path.Combine(ctx.RootDirectory, self + ".running"), "");
        var deadline = DateTime.UtcNow + patience;
        var sawOther = false;
        while (DateTime.UtcNow < deadline && !(sawOther = File.Exists(Path.Combine(ctx.RootDirectory, other + ".running"))))
        {
            await Task.Delay(10, ctx.CancellationToken);
        }

        // Give the other stage time to see this one too before leaving.
        await Task.Delay(sawOther ? 200 : 0, ctx.CancellationToken);
        File.WriteAllText(Path.Combine(ctx.RootDirectory, self + ".overlapped"), sawOther ? "yes" : "no");
        File.Delete(Path.Combine(ctx.RootDirectory, self + ".running"));
    }
}
