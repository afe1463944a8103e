using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmOps.Evaluation;

/// <summary>
/// A metric computed by any <see cref="IEvaluator"/> of the Microsoft.Extensions.AI.Evaluation ecosystem, one call
/// per example (the input as the user message, the answer as the response, the reference as context named
/// <c>reference</c>). A <see cref="NumericMetric"/> gives its value, a <see cref="BooleanMetric"/> 1 or 0.
/// </summary>
/// <param name="name">The metric's name in this gate.</param>
/// <param name="evaluator">The evaluator.</param>
/// <param name="evaluatorMetric">Which of the evaluator's metrics to read.</param>
/// <param name="configuration">The chat client an LLM-based evaluator uses, or null.</param>
/// <param name="concurrency">How many examples are evaluated at once.</param>
public class EvaluatorMetric(string name, IEvaluator evaluator, string evaluatorMetric, ChatConfiguration? configuration = null, int concurrency = 4)
    : Metric(name, higherIsBetter: true)
{
    /// <summary>The context name under which the reference answer is passed to the evaluator.</summary>
    public const string ReferenceContext = "reference";

    /// <inheritdoc />
    public override string Describe() => $"{Name}({evaluator.GetType().FullName}:{evaluatorMetric})";

    /// <inheritdoc />
    public override async ValueTask<Measurement> MeasureAsync(IReadOnlyList<EvalRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var scores = new double[records.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, records.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var record = records[i];
                var context = record.Example.Expected is { } reference ? new EvaluationContext[] { new Reference(reference) } : [];
                var result = await evaluator.EvaluateAsync(
                    [new ChatMessage(ChatRole.User, record.Example.Input)],
                    new ChatResponse(new ChatMessage(ChatRole.Assistant, record.Output)),
                    configuration,
                    context,
                    token);
                scores[i] = Read(result, record);
            });
        return Measurement.Mean(scores);
    }

    private double Read(EvaluationResult result, EvalRecord record)
    {
        if (!result.Metrics.TryGetValue(evaluatorMetric, out var metric))
        {
            throw new InvalidOperationException($"evaluator {evaluator.GetType().Name} returned no metric '{evaluatorMetric}' for example '{record.Example.Id}'");
        }

        return metric switch
        {
            NumericMetric { Value: { } value } => value,
            BooleanMetric { Value: { } value } => value ? 1 : 0,
            _ => throw new InvalidOperationException(
                $"evaluator {evaluator.GetType().Name} gave no value for '{evaluatorMetric}' on example '{record.Example.Id}'{(metric.Reason is { } reason ? ": " + reason : "")}"),
        };
    }

    /// <summary>The reference answer as evaluation context.</summary>
    private sealed class Reference(string text) : EvaluationContext(ReferenceContext, text);
}
