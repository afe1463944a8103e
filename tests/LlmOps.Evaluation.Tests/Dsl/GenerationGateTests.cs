using LlmOps.Evaluation.Tests.Generation;
using LlmOps.Evaluation.Tests.Pipelines;

namespace LlmOps.Evaluation.Tests.Dsl;

public sealed class GenerationGateTests : IDisposable
{
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void An_llm_gate_scores_generations_and_re_evaluating_the_unchanged_model_asks_the_endpoint_nothing()
    {
        var export = Path.Combine(_root.Root, "export");
        GeneratingPipeline.Endpoint = GeneratingPipeline.Answers();
        var first = GeneratingPipeline.Endpoint;

        var (code, output, error) = _root.Run(typeof(GeneratingPipeline), "Evaluate", "--export", export);

        Assert.True(code == 0, output + error);
        Assert.Equal(30, first.Calls);
        Assert.InRange(first.MostInFlight, 1, 2);
        var verdict = VerdictJson.Read(File.ReadAllText(Path.Combine(export, "qa-verdict", VerdictJson.FileName)));
        Assert.Equal(0.9, verdict.Metrics.Single(m => m.Metric == Metric.ExactMatch).Candidate.Estimate, 9);
        Assert.Equal(0.1, verdict.Metrics.Single(m => m.Metric == Metric.RefusalRate).Candidate.Estimate, 9);
        Assert.All(verdict.Rules, r => Assert.Equal(RuleStatus.Pass, r.Status));

        // Forget the stage's cache entries so it runs again: the answers come from the response cache.
        Directory.Delete(Path.Combine(_root.Root, ".llmops", "cache"), recursive: true);
        GeneratingPipeline.Endpoint = GeneratingPipeline.Answers();
        var (again, output2, error2) = _root.Run(typeof(GeneratingPipeline), "Evaluate");

        Assert.True(again == 0, output2 + error2);
        Assert.Equal(0, GeneratingPipeline.Endpoint.Calls);
        Assert.Contains("30 responses, 30 from the cache", _root.StageLog("Evaluate"));
    }
}
