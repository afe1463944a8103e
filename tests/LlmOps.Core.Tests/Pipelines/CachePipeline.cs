namespace LlmOps.Core.Tests.Pipelines;

/// <summary>
/// Three cached stages in a chain, with parameters that each matter in a different way: read by one stage, read but
/// without effect on the output, read only by a library (which the code analysis cannot see), or not read at all.
/// </summary>
public sealed class CachePipeline : Pipeline
{
    public const string InputFile = "pipelines/cache/data/x.jsonl";

    [Parameter("Training passes (read by Train)")]
    readonly int Epochs = 3;

    [Parameter("Changes what Prepare writes")]
    readonly string Flavor = "plain";

    [Parameter("Read by Prepare, without effect on its output")]
    readonly int Noise = 0;

    [Parameter("Read by Report only through a library")]
    public int Reflected = 0;

    [Parameter("Read by no stage")]
    public int Unread = 0;

    Artifact<DatasetArtifact> Prepared => new("prepared");

    Artifact<ModelArtifact> Model => new("model");

    public override Stage Default => Report;

    Stage Prepare => _ => _
        .Description("Normalise the input file")
        .Inputs("data/x.jsonl")
        .Produces(Prepared)
        .Executes(ctx =>
        {
            Trace.Mark(ctx);
            var text = File.ReadAllText(ctx.PipelinePath("data/x.jsonl"));
            File.WriteAllText(ctx.Output(Prepared).File("data.txt"), $"{Flavor}:{text}{(Noise < 0 ? "!" : "")}");
        });

    Stage Train => _ => _
        .Description("Fit the model")
        .Consumes(Prepared)
        .Produces(Model)
        .Executes(ctx =>
        {
            Trace.Mark(ctx);
            ctx.Metric("loss", 1.0 / Epochs);
            File.WriteAllText(ctx.Output(Model).File("model.txt"), $"epochs={Epochs};{File.ReadAllText(ctx.Input(Prepared).File("data.txt"))}");
        });

    Stage Report => _ => _
        .Description("Summarise the model")
        .Consumes(Model)
        .UsesParameters(() => Reflected)
        .Executes(ctx =>
        {
            Trace.Mark(ctx);
            // The library reads the field by reflection, out of the analysis' sight: hence UsesParameters. (Reflection
            // in the pipeline's own code would key the stage on every parameter instead.)
            var reflected = ParameterResolver.Discover(this).Single(p => p.MemberName == nameof(Reflected)).Value;
            ctx.Log($"model {File.ReadAllText(ctx.Input(Model).File("model.txt"))}, reflected {reflected}");
        });

    Stage Ping => _ => _.NotCached("asks a live service").Executes(Trace.Mark);
}
