using System.Globalization;
using LlmOps.Dsl;
using LlmOps.Evaluation;

namespace LlmOps.Evaluation.Tests.Pipelines;

/// <summary>
/// Trains a lookup "model" that answers <c>--quality</c> of 400 eval examples right, gates it, and packages only the
/// blessed model; <c>--champion-quality</c> deploys a champion first (0: none, a cold start).
/// </summary>
public sealed class GatedPipeline : Pipeline, IGateOverrides
{
    [Parameter("Share of eval examples the candidate answers right")]
    readonly double Quality = 0.95;

    [Parameter("Share the deployed champion answers right; 0 for no champion")]
    readonly double ChampionQuality = 0;

    [Parameter("The gate's accuracy threshold")]
    readonly double MinAccuracy = 0.85;

    Artifact<DatasetArtifact> EvalSet => new("eval-set");
    Artifact<ModelArtifact> Model => new("model");
    Artifact<EvalReportArtifact> Verdict => new("verdict");
    Artifact<Blessed<ModelArtifact>> Approved => new("approved-model");
    Artifact<PackageArtifact> Package => new("package");

    string ChampionDirectory => Path.Combine(RootDirectory, "deployed");

    Stage Make => _ => _
        .Produces(EvalSet, Model)
        .Executes(ctx =>
        {
            var labels = new[] { "billing", "refund", "shipping", "account" };
            var lines = Enumerable.Range(0, 400).Select(i => $"{{\"id\":\"e{i}\",\"text\":\"message {i}\",\"label\":\"{labels[i % 4]}\"}}");
            File.WriteAllLines(ctx.Output(EvalSet).File("eval.jsonl"), lines);
            LookupModel.Write(ctx.Output(Model), Table(Quality, labels));
            if (ChampionQuality > 0)
            {
                System.IO.Directory.CreateDirectory(ChampionDirectory);
                LookupModel.Write(ModelArtifact.Open(ChampionDirectory), Table(ChampionQuality, labels));
            }
        });

    Stage Evaluate => _ => _
        .DependsOn(Make)
        .Evaluates(Model, on: EvalSet)
        .Examples(input: "text", expected: "label")
        .PredictsWith(LookupModel.Predict)
        .Metrics(m => m.Accuracy().MacroF1().BySlice(x => x.Expected!))
        .Gate(g => g.AtLeast(Metric.Accuracy, () => MinAccuracy, confidence: 0.95)
                    .NotWorseThan(Champion.Deployed(ChampionDirectory), Metric.Accuracy, margin: 0.02)
                    .Resamples(500)
                    .Override(From<IGateOverrides>()))
        .Produces(Verdict)
        .Blesses(Approved);

    Stage Pack => _ => _
        .Consumes(Approved)
        .Produces(Package)
        .Executes(ctx => Packager.Pack(ctx.Input(Approved), ctx.Output(Package)));

    // The first round(quality * 400) examples map to their label, the rest to a wrong one.
    static Dictionary<string, string> Table(double quality, string[] labels) =>
        Enumerable.Range(0, 400).ToDictionary(
            i => $"message {i}",
            i => i < Math.Round(quality * 400) ? labels[i % 4] : labels[(i + 1) % 4]);
}

/// <summary>Packaging that takes only a blessed model.</summary>
public static class Packager
{
    public static void Pack(Blessed<ModelArtifact> model, PackageArtifact package)
    {
        var source = model.Model;
        foreach (var file in source.Files())
        {
            File.Copy(source.File(file), package.File(file));
        }

        File.WriteAllText(package.File("blessed-by.txt"), model.Blessing.Stage + "\n" + string.Join("\n", model.Blessing.Overrides.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Rule}: {o.Reason}"))));
    }
}
