using System.Globalization;
using LlmOps.Dsl;
using LlmOps.Evaluation;

namespace LlmOps.Evaluation.Tests.Pipelines;

/// <summary>A "trainer" that writes a lookup model and a metrics.jsonl report with eval loss <c>--loss</c> at its last step; the gate caps loss and perplexity.</summary>
public sealed class ReportedLossPipeline : Pipeline
{
    [Parameter("The eval loss the trainer reports at its last step")]
    readonly double Loss = 1.2;

    Artifact<DatasetArtifact> EvalSet => new("eval-set");
    Artifact<ModelArtifact> Model => new("model");
    Artifact<ReportArtifact> TrainReport => new("train-report");
    Artifact<EvalReportArtifact> Verdict => new("verdict");

    Stage Train => _ => _
        .Produces(EvalSet, Model, TrainReport)
        .Executes(ctx =>
        {
            File.WriteAllLines(ctx.Output(EvalSet).File("eval.jsonl"), Enumerable.Range(0, 50).Select(i => $"{{\"id\":\"e{i}\",\"text\":\"m{i}\",\"label\":\"a\"}}"));
            LookupModel.Write(ctx.Output(Model), Enumerable.Range(0, 50).ToDictionary(i => $"m{i}", _ => "a"));
            File.WriteAllLines(ctx.Output(TrainReport).File("metrics.jsonl"),
            [
                "{\"name\":\"eval_loss\",\"value\":3.5,\"step\":100}",
                "{\"name\":\"train_loss\",\"value\":0.1,\"step\":200}",
                string.Create(CultureInfo.InvariantCulture, $"{{\"name\":\"eval_loss\",\"value\":{Loss},\"step\":200}}"),
            ]);
        });

    Stage Evaluate => _ => _
        .DependsOn(Train)
        .Evaluates(Model, on: EvalSet)
        .Examples(input: "text", expected: "label")
        .PredictsWith(LookupModel.Predict)
        .Metrics(m => m.Accuracy())
        .ReportedMetric(TrainReport, "eval_loss")
        .PerplexityFromReport(TrainReport)
        .Gate(g => g.AtLeast(Metric.Accuracy, 0.5).AtMost("eval_loss", 1.5).AtMost(Metric.Perplexity, 5))
        .Produces(Verdict);
}
