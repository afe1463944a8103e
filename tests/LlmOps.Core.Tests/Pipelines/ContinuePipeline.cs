namespace LlmOps.Core.Tests.Pipelines;

/// <summary>Second fails until <c>&lt;root&gt;/fixed</c> exists, so a test can fail a run, fix it and continue.</summary>
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
}
