using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Evaluation;
using LlmOps.Governance;
using LlmOps.Packaging;

namespace LlmOps.Tracking.Tests.Pipeline;

/// <summary>
/// Gates a lookup "model", packages it (the tracker registers the package artifact as a model version) and governs
/// it: the governance stage tags that version with the audit trail's head. The package's own name differs from the
/// artifact's on purpose: the registered model is the artifact's name.
/// </summary>
public sealed class AuditedReleasePipeline : Dsl.Pipeline
{
    internal const string RegisteredModel = "audited-package";

    Artifact<DatasetArtifact> EvalSet => new("eval-set");
    Artifact<ModelArtifact> Model => new("model");
    Artifact<EvalReportArtifact> Verdict => new("verdict");
    Artifact<Blessed<ModelArtifact>> Approved => new("approved-model");
    Artifact<PackageArtifact> Package => new(RegisteredModel);
    Artifact<ReportArtifact> Decision => new("governance");

    public override string Directory => ".";

    Stage Make => _ => _
        .Produces(EvalSet, Model)
        .Executes(ctx =>
        {
            var labels = new[] { "billing", "shipping" };
            File.WriteAllLines(ctx.Output(EvalSet).File("eval.jsonl"), Enumerable.Range(0, 200).Select(i => $"{{\"id\":\"e{i}\",\"text\":\"m{i}\",\"label\":\"{labels[i % 2]}\"}}"));
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
        .Metrics(m => m.Accuracy())
        .Gate(g => g.AtLeast(Metric.Accuracy, () => 0.8, confidence: 0.95).Resamples(200))
        .Produces(Verdict)
        .Blesses(Approved);

    Stage Pack => _ => _
        .Packages(Approved)
        .Named("audited-model")
        .ModelCard(c => c.IntendedUse("Tests.").License("mit"))
        .Evidence(Verdict)
        .Produces(Package);

    Stage Govern => _ => _
        .Governs(Package)
        .Policy(p => p.GatePassed(Verdict))
        .Records(Decision);
}
