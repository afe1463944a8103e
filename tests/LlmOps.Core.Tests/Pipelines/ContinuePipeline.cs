namespace LlmOps.Core.Tests.Pipelines;

/// <summary>
/// Second fails until <c>&lt;root&gt;/fixed</c> exists, so a test can fail a run, fix it and continue; Notify runs after
/// it even when it fails; Sign fails the same way and notes how long the signing key it was given is.
/// </summary>
public sealed class ContinuePipeline : Pipeline
{
    Artifact<DatasetArtifact> Rows => new("rows");

    Stage First => _ => _.Produces(Rows).Executes(ctx =>
    {
        Trace.Mark(ctx);
        File.WriteAllText(ctx.Output(Rows).File("rows.txt"), "1\n2\n");
    });

    Stage Second => _ => _.Consumes(Rows).Executes(ctx =>
    {
        Trace.Mark(ctx);
        if (!File.Exists(Path.Combine(ctx.RootDirectory, "fixed")))
        {
            throw new StageFailedException("the upstream service is down");
        }
    });

    [Parameter("Key that signs the release"), Secret]
    readonly string SigningKey = "";

    Stage Notify => _ => _.After(Second).AssuredAfterFailure().Executes(Trace.Mark);

    Stage Sign => _ => _.Executes(ctx =>
    {
        Trace.Note(ctx, $"key-length={SigningKey.Length}");
        if (!File.Exists(Path.Combine(ctx.RootDirectory, "fixed")))
        {
            throw new StageFailedException("the signing service is down");
        }
    });
}
