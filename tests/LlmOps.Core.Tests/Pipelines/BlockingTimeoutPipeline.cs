namespace LlmOps.Core.Tests.Pipelines;

/// <summary>
/// Thirty-two independent stages whose synchronous bodies block their thread (as a blocking library call does) and
/// never look at their token, each with a 1 s limit and proceeding after the failures of the others. More stages
/// than the thread pool starts with (a thread per core, so machines of up to 16 cores tell the difference): if bodies
/// held pool threads, the timers that fire the limits would queue behind them. A body blocks until the test writes
/// the <c>release</c> file under the root (or the root is gone, or 60 s pass), so abandoned bodies end with the test.
/// </summary>
public sealed class BlockingTimeoutPipeline : Pipeline
{
    /// <summary>Each stage's limit.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    Stage S01 => Blocks;

    Stage S02 => Blocks;

    Stage S03 => Blocks;

    Stage S04 => Blocks;

    Stage S05 => Blocks;

    Stage S06 => Blocks;

    Stage S07 => Blocks;

    Stage S08 => Blocks;

    Stage S09 => Blocks;

    Stage S10 => Blocks;

    Stage S11 => Blocks;

    Stage S12 => Blocks;

    Stage S13 => Blocks;

    Stage S14 => Blocks;

    Stage S15 => Blocks;

    Stage S16 => Blocks;

    Stage S17 => Blocks;

    Stage S18 => Blocks;

    Stage S19 => Blocks;

    Stage S20 => Blocks;

    Stage S21 => Blocks;

    Stage S22 => Blocks;

    Stage S23 => Blocks;

    Stage S24 => Blocks;

    Stage S25 => Blocks;

    Stage S26 => Blocks;

    Stage S27 => Blocks;

    Stage S28 => Blocks;

    Stage S29 => Blocks;

    Stage S30 => Blocks;

    Stage S31 => Blocks;

    Stage S32 => Blocks;

    static IStageDefinition Blocks(IStageDefinition stage) => stage.Timeout(Limit).ProceedAfterFailure().Executes(ctx =>
    {
        var release = Path.Combine(ctx.RootDirectory, "release");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(release) && System.IO.Directory.Exists(ctx.RootDirectory) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }
    });
}
