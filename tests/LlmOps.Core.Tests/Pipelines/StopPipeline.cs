namespace LlmOps.Core.Tests.Pipelines;

/// <summary>
/// Publish fails after its body (its export cannot be written when --export names a file), and six independent stages
/// wait for a slot; none of them may start once Publish has failed.
/// </summary>
public sealed class StopPipeline : Pipeline
{
    Artifact<DatasetArtifact> Rows => new("rows");

    Stage Publish => _ => _.Produces(Rows).Executes(ctx =>
    {
        Trace.Mark(ctx);
        File.WriteAllText(ctx.Output(Rows).File("rows.txt"), "1\n");
    });

    Stage A => _ => _.Executes(Trace.Mark);

    Stage B => _ => _.Executes(Trace.Mark);

    Stage C => _ => _.Executes(Trace.Mark);

    Stage D => _ => _.Executes(Trace.Mark);

    Stage E => _ => _.Executes(Trace.Mark);

    Stage F => _ => _.Executes(Trace.Mark);
}
