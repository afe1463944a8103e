using LlmOps.Dsl;
using LlmOps.Evaluation.Tests.Pipelines;

namespace LlmOps.Evaluation.Tests.Metrics;

public sealed class ReportedMetricTests : IDisposable
{
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_root.Root, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void The_last_point_of_the_name_counts_in_a_json_lines_metrics_file_and_a_dotted_path_reads_a_json_object()
    {
        var points = Write("metrics.jsonl", "{\"name\":\"eval_loss\",\"value\":2.5,\"step\":1}", "{\"name\":\"loss\",\"value\":9}", "{\"name\":\"eval_loss\",\"value\":1.25,\"step\":2}");
        var summary = Write("summary.json", "{\"eval\": {\"loss\": 0.75}, \"epochs\": 3}");

        Assert.Equal(1.25, ReportedMetric.Read(points, "eval_loss"));
        Assert.Equal(0.75, ReportedMetric.Read(summary, "eval.loss"));
    }

    [Fact]
    public void A_missing_field_or_a_broken_line_fails_naming_the_file_the_line_and_the_field()
    {
        var points = Write("metrics.jsonl", "{\"name\":\"loss\",\"value\":1}", "{not json");
        var summary = Write("summary.json", "{\"eval\": {\"loss\": \"high\"}}");

        Assert.Contains("metrics.jsonl:2: not valid JSON", Assert.Throws<StageFailedException>(() => ReportedMetric.Read(points, "eval_loss")).Message);
        Assert.Contains("field 'eval.loss' is string", Assert.Throws<StageFailedException>(() => ReportedMetric.Read(summary, "eval.loss")).Message);
        Assert.Contains("field 'eval.acc' not found", Assert.Throws<StageFailedException>(() => ReportedMetric.Read(summary, "eval.acc")).Message);
        Assert.Contains("report is missing", Assert.Throws<StageFailedException>(() => ReportedMetric.Read(Path.Combine(_root.Root, "none.json"), "loss")).Message);
    }

    [Fact]
    public void A_gate_passes_on_the_trainers_reported_loss_and_perplexity_and_records_them()
    {
        var export = Path.Combine(_root.Root, "export");

        var (code, output, error) = _root.Run(typeof(ReportedLossPipeline), "Evaluate", "--export", export);

        Assert.True(code == 0, output + error);
        var verdict = VerdictJson.Read(File.ReadAllText(Path.Combine(export, "verdict", VerdictJson.FileName)));
        Assert.Equal(1.2, verdict.Metrics.Single(m => m.Metric == "eval_loss").Candidate.Estimate, 12);
        Assert.Equal(Math.Exp(1.2), verdict.Metrics.Single(m => m.Metric == Metric.Perplexity).Candidate.Estimate, 9);
    }

    [Fact]
    public void A_gate_fails_when_the_reported_loss_is_too_high()
    {
        var (code, _, _) = _root.Run(typeof(ReportedLossPipeline), "Evaluate", "--loss", "2");

        Assert.Equal(1, code);
        var log = _root.StageLog("Evaluate");
        Assert.Contains("max-eval_loss: fail", log);
        Assert.Contains("max-perplexity: fail", log);
    }
}
