using LlmOps.Dsl;
using LlmOps.Evaluation;
using LlmOps.Evaluation.Tests.Generation;
using Microsoft.Extensions.AI;

namespace LlmOps.Evaluation.Tests.Pipelines;

/// <summary>An LLM gate: 30 questions answered by a chat client (27 right, 3 refusals), generation metrics, three rules.</summary>
public sealed class GeneratingPipeline : Pipeline
{
    /// <summary>The endpoint the gate asks; a test swaps in a fresh one to count calls.</summary>
    public static FakeChatClient Endpoint { get; set; } = Answers();

    Artifact<DatasetArtifact> EvalSet => new("qa-set");
    Artifact<ModelArtifact> Adapter => new("adapter");
    Artifact<EvalReportArtifact> Verdict => new("qa-verdict");

    Stage Make => _ => _
        .Produces(EvalSet, Adapter)
        .Executes(ctx =>
        {
            File.WriteAllLines(ctx.Output(EvalSet).File("qa.jsonl"), Enumerable.Range(0, 30).Select(i => $"{{\"id\":\"q{i}\",\"input\":\"what is {i} plus one\",\"expected\":\"The answer is {i + 1}.\"}}"));
            File.WriteAllText(ctx.Output(Adapter).File("adapter.bin"), "lora weights");
        });

    Stage Evaluate => _ => _
        .DependsOn(Make)
        .Evaluates(Adapter, on: EvalSet)
        .GeneratesWith(Endpoint, new ChatOptions { Temperature = 0, MaxOutputTokens = 32 }, concurrency: 2)
        .Metrics(m => m.ExactMatch().TokenF1().RougeL().ChrF().RefusalRate().OutputLength().Latency())
        .Gate(g => g.AtLeast(Metric.ExactMatch, 0.6)
                    .AtMost(Metric.RefusalRate, 0.35)
                    .AtMost(Metric.LatencyP95, TimeSpan.FromSeconds(2)))
        .Produces(Verdict);

    public static FakeChatClient Answers() => new(prompt =>
    {
        var n = int.Parse(prompt.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        return n % 10 == 9 ? "I'm sorry, I cannot help with that." : $"the answer is {n + 1}";
    });
}
