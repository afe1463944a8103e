using System.Formats.Tar;
using LlmOps.Dsl;
using LlmOps.Evaluation;
using LlmOps.Tracking.Registry;

namespace LlmOps.Evaluation.Tests.Pipelines;

/// <summary>
/// The champion is whatever version of the registered package the <c>champion</c> alias points to: Promote moves the
/// alias to the package this run registered, as a deployment does. <c>--as-archive</c> packages the model inside a
/// <c>package.tar</c> under <c>model/</c>, the layout of the packaging stage kind.
/// </summary>
public sealed class RegisteredChampionPipeline : Pipeline
{
    public const string ModelName = "lookup-package";

    [Parameter("Share of eval examples the candidate answers right")]
    readonly double Quality = 0.95;

    [Parameter("Package the model inside package.tar")]
    readonly bool AsArchive = false;

    Artifact<DatasetArtifact> EvalSet => new("eval-set");
    Artifact<ModelArtifact> Model => new("model");
    Artifact<EvalReportArtifact> Verdict => new("verdict");
    Artifact<Blessed<ModelArtifact>> Approved => new("approved-model");
    Artifact<PackageArtifact> Package => new(ModelName);

    Stage Make => _ => _
        .Produces(EvalSet, Model)
        .Executes(ctx =>
        {
            var labels = new[] { "billing", "refund", "shipping", "account" };
            File.WriteAllLines(ctx.Output(EvalSet).File("eval.jsonl"), Enumerable.Range(0, 400).Select(i => $"{{\"id\":\"e{i}\",\"text\":\"message {i}\",\"label\":\"{labels[i % 4]}\"}}"));
            LookupModel.Write(ctx.Output(Model), Enumerable.Range(0, 400).ToDictionary(i => $"message {i}", i => i < Math.Round(Quality * 400) ? labels[i % 4] : labels[(i + 1) % 4]));
        });

    Stage Evaluate => _ => _
        .DependsOn(Make)
        .Evaluates(Model, on: EvalSet)
        .Examples(input: "text", expected: "label")
        .PredictsWith(LookupModel.Predict)
        .Metrics(m => m.Accuracy())
        .Gate(g => g.AtLeast(Metric.Accuracy, 0.5)
                    .NotWorseThan(Champion.Registered(ModelName, "champion", LookupModel.FileName), Metric.Accuracy, margin: 0.02)
                    .Resamples(500))
        .Produces(Verdict)
        .Blesses(Approved);

    Stage Pack => _ => _
        .Consumes(Approved)
        .Produces(Package)
        .Executes(ctx =>
        {
            var model = ctx.Input(Approved).Model;
            var package = ctx.Output(Package);
            if (!AsArchive)
            {
                File.Copy(model.File(LookupModel.FileName), package.File(LookupModel.FileName));
                return;
            }

            using var tar = new TarWriter(File.Create(package.File("package.tar")));
            tar.WriteEntry(model.File(LookupModel.FileName), "model/" + LookupModel.FileName);
        });

    Stage Promote => _ => _
        .Consumes(Package)
        .NotCached("moves the registry alias every time")
        .Executes(async ctx =>
        {
            var registry = ctx.ModelRegistry();
            var version = await registry.FindRunVersionAsync(ModelName, ctx.CancellationToken) ?? throw new StageFailedException("the package was not registered");
            await registry.SetAliasAsync(ModelName, "champion", version, ctx.CancellationToken);
            ctx.Log($"champion is now version {version}");
        });
}
