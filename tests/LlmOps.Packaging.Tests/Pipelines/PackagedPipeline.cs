using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Evaluation;

namespace LlmOps.Packaging.Tests.Pipelines;

/// <summary>
/// Makes a lookup "model" and its eval set, gates it, packages the blessed model with the stage kind, and deploys the
/// package the way deployments are laid out (<c>.llmops/deployments/&lt;name&gt;/&lt;version&gt;/package</c> and <c>current</c>).
/// </summary>
public sealed class PackagedPipeline : Pipeline
{
    [Parameter("PEM private key that signs packages"), Secret]
    readonly string SigningKey = "";

    [Parameter("registry/repository the package is published to; empty: not published")]
    readonly string PackageRegistry = "";

    [Parameter("Training passes")]
    readonly int Epochs = 3;

    Artifact<DatasetArtifact> EvalSet => new("eval-set");
    Artifact<ReportArtifact> Validation => new("validation");
    Artifact<ModelArtifact> Model => new("model");
    Artifact<EvalReportArtifact> Verdict => new("verdict");
    Artifact<Blessed<ModelArtifact>> Approved => new("approved-model");
    Artifact<PackageArtifact> Package => new("package");

    public override Stage Default => Deploy;

    Stage Make => _ => _
        .Produces(EvalSet, Validation, Model)
        .Executes(ctx =>
        {
            var labels = new[] { "billing", "shipping" };
            File.WriteAllLines(ctx.Output(EvalSet).File("eval.jsonl"), Enumerable.Range(0, 200).Select(i => $"{{\"id\":\"e{i}\",\"text\":\"m{i}\",\"label\":\"{labels[i % 2]}\"}}"));
            File.WriteAllText(ctx.Output(Validation).File("validation-report.json"), "{\"passed\":true,\"errors\":0}");
            File.WriteAllText(ctx.Output(Model).File("lookup.json"), JsonSerializer.Serialize(Enumerable.Range(0, 200).ToDictionary(i => $"m{i}", i => labels[i % 2])));
        });

    Stage Evaluate => _ => _
        .DependsOn(Make)
        .Evaluates(Model, on: EvalSet)
        .Examples(input: "text", expected: "label")
        .PredictsWith((model, examples) =>
        {
            var table = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(model.File("lookup.json")))!;
            return [.. examples.Select(e => new Prediction(table.GetValueOrDefault(e.Input, "unknown")))];
        })
        .Metrics(m => m.Accuracy().BySlice(x => x.Expected!))
        .Gate(g => g.AtLeast(Metric.Accuracy, () => 0.8, confidence: 0.95).Resamples(200))
        .Produces(Verdict)
        .Blesses(Approved);

    Stage Pack => _ => _
        .Packages(Approved)
        .Named("demo")
        .ModelCard(c => c.IntendedUse("Tests.").Limitations("A lookup table.").License("mit").Require("intended_use", "license", "datasets"))
        .Evidence(Verdict)
        .Datasets(EvalSet, license: "cc0-1.0", validation: Validation)
        .TrainingParameters(() => Epochs)
        .SignedWith(() => SigningKey)
        .PublishesTo(() => PackageRegistry)
        .Produces(Package);

    Stage Deploy => _ => _
        .Consumes(Package)
        .NotCached("it writes outside the store")
        .Executes(ctx =>
        {
            var package = PackageContents.Open(ctx.Input(Package).Directory);
            var folder = Path.Combine(ctx.RootDirectory, ".llmops", "deployments", package.Name);
            var target = Path.Combine(folder, package.Version, "package");
            System.IO.Directory.CreateDirectory(target);
            foreach (var file in new[] { PackageLayout.Archive, PackageLayout.Provenance, PackageLayout.Record })
            {
                File.Copy(Path.Combine(package.Directory, file), Path.Combine(target, file), overwrite: true);
            }

            File.WriteAllText(Path.Combine(folder, "current"), package.Version + "\n");
        });
}
