namespace LlmOps.Core.Tests.Pipelines;

/// <summary>A stage that fills the disk the state folder is on, as a large download or checkpoint would, and succeeds.</summary>
public sealed class DiskFullPipeline : Pipeline
{
    Stage Fill => _ => _.Executes(ctx =>
    {
        var block = new byte[64 * 1024];
        try
        {
            using var filler = new FileStream(Path.Combine(ctx.RootDirectory, ".llmops", "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // The disk is full now; the stage's own work is done.
        }
    });
}
