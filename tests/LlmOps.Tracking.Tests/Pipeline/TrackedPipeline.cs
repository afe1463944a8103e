using LlmOps.Dsl;

namespace LlmOps.Tracking.Tests.Pipeline;

/// <summary>A two-stage pipeline whose stages report a training curve and produce a model and a package.</summary>
public sealed class TrackedPipeline : Dsl.Pipeline
{
    [Parameter("Learning rate")]
    readonly double LearningRate = 0.01;

    [Parameter("Hub token"), Secret]
    readonly string HubToken = "hub-secret-value-123";

    Artifact<ModelArtifact> Model => new("tiny-model");
    Artifact<PackageArtifact> Package => new("tiny-package");

    public override string Directory => ".";

    Stage Train => _ => _
        .Description("Fits a curve")
        .Produces(Model)
        .Executes(ctx =>
        {
            for (var step = 0; step < 5; step++)
            {
                ctx.Metric("loss", 1.0 / (step + 1) * LearningRate * 100, step);
            }

            ctx.Log($"token length {HubToken.Length}");
            File.WriteAllText(ctx.Output(Model).File("weights.bin"), "weights");
        });

    Stage Pack => _ => _
        .Description("Packages the model")
        .Consumes(Model)
        .Produces(Package)
        .Executes(ctx =>
        {
            var package = ctx.Output(Package);
            File.Copy(ctx.Input(Model).File("weights.bin"), package.File("weights.bin"));
            System.IO.Directory.CreateDirectory(package.File("meta"));
            File.WriteAllText(package.File("meta/manifest.json"), "{}");
        });
}
