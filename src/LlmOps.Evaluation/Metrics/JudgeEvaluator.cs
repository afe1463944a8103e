using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LlmOps.Evaluation;

/// <summary>
/// LLM-as-judge: asks the chat client of the <see cref="ChatConfiguration"/> to grade an answer against a rubric on
/// a 1–5 scale and reports it as a <see cref="NumericMetric"/> scaled to [0, 1]. An <see cref="IEvaluator"/>, so it
/// runs anywhere the Microsoft.Extensions.AI.Evaluation ecosystem does.
/// </summary>
/// <param name="rubric">What a good answer is, in words the judge model reads.</param>
public sealed partial class JudgeEvaluator(string rubric) : IEvaluator
{
    /// <summary>The metric this evaluator reports.</summary>
    public const string MetricName = "judge";

    /// <summary>The rubric.</summary>
    public string Rubric { get; } = string.IsNullOrWhiteSpace(rubric) ? throw new ArgumentException("a judge needs a rubric", nameof(rubric)) : rubric;

    /// <inheritdoc />
    public IReadOnlyCollection<string> EvaluationMetricNames => [MetricName];

    /// <inheritdoc />
    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelResponse);
        var client = chatConfiguration?.ChatClient ?? throw new InvalidOperationException("the judge needs a ChatConfiguration with a chat client");
        var question = string.Join("\n", messages.Select(m => m.Text));
        var reference = additionalContext?.FirstOrDefault(c => c.Name == EvaluatorMetric.ReferenceContext);
        var prompt =
            $"Grade the answer against the rubric on a scale of 1 (fails it) to 5 (fully meets it).\n" +
            $"Rubric: {Rubric}\n\nQuestion:\n{question}\n\n" +
            (reference is null ? "" : $"Reference answer:\n{string.Join("\n", reference.Contents.OfType<TextContent>().Select(t => t.Text))}\n\n") +
            $"Answer:\n{modelResponse.Text}\n\nReply with one line 'Score: N' followed by one sentence of reasons.";
        var reply = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are a strict, consistent grader."), new ChatMessage(ChatRole.User, prompt)],
            new ChatOptions { Temperature = 0 },
            cancellationToken);
        var match = ScorePattern().Match(reply.Text);
        var metric = match.Success
            ? new NumericMetric(MetricName, (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1) / 4.0, reply.Text.Trim())
            : new NumericMetric(MetricName, null, $"the judge's reply has no 'Score: 1-5': {reply.Text.Trim()}");
        return new EvaluationResult(metric);
    }

    [GeneratedRegex(@"Score:\s*([1-5])\b", RegexOptions.IgnoreCase)]
    private static partial Regex ScorePattern();
}
