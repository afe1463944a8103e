namespace LlmOps.Core.Tests.Pipelines;

/// <summary>A producer and a consumer, for handing an artifact over between runs and repositories (--skip, --export).</summary>
public sealed class HandoverPipeline : Pipeline
{
    Artifact<DatasetArtifact> Rows => new("rows");

    Stage Produce => _ => _.Produces(Rows).Executes(ctx =>
    {
        Trace.Mark(ctx);
        File.WriteAllText(ctx.Output(Rows).File("rows.txt"), "a\nb\n");
        System.IO.Directory.CreateDirectory(ctx.Output(Rows).File("nested"));
        File.WriteAllText(ctx.Output(Rows).File("nested/more.txt"), "c\n");
    });

    Stage Consume => _ => _.Consumes(Rows).Executes(ctx =>
    {
        Trace.Mark(ctx);
        var rows = ctx.Input(Rows);
        ctx.Log($"files: {string.Join(",", rows.Files())}; rows: {File.ReadAllText(rows.File("rows.txt")).Replace("\n", "|")}");
    });
}
