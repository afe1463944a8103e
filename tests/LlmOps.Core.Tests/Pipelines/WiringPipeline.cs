namespace LlmOps.Core.Tests.Pipelines;

/// <summary>Consumption alone wires the graph: no DependsOn anywhere.</summary>
public sealed class WiringPipeline : Pipeline
{
    Artifact<DatasetArtifact> Data => new("data");

    Artifact<ModelArtifact> Model => new("model");

    Stage Use => _ => _.Consumes(Model, Data).Executes(ctx =>
    {
        Trace.Mark(ctx);
        var model = File.ReadAllText(ctx.Input(Model).File("model.txt"));
        if (model != "trained on rows")
        {
            throw new StageFailedException($"unexpected model '{model}'");
        }
    });

    Stage Fit => _ => _.Consumes(Data).Produces(Model).Executes(ctx =>
    {
        Trace.Mark(ctx);
        File.WriteAllText(ctx.Output(Model).File("model.txt"), "trained on " + File.ReadAllText(ctx.Input(Data).File("rows.txt")));
    });

    Stage Make => _ => _.Produces(Data).Executes(ctx =>
    {
        Trace.Mark(ctx);
        File.WriteAllText(ctx.Output(Data).File("rows.txt"), "rows");
    });
}
