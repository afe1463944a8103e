using System.Diagnostics;
using System.Globalization;
using LlmOps.Dsl;
using LlmOps.Evaluation;
using LlmOps.OnnxChat;

namespace LlmOps.Pipelines.FineTune.Steps;

/// <summary>
/// The gate's answers from the exported model itself, through the library the serving container runs (ONNX Runtime,
/// greedy, in process): what ships is what is judged, and what is judged is what is served.
/// </summary>
/// <param name="maxTokens">The longest answer, in tokens.</param>
public sealed class OnnxChatPredictor(int maxTokens) : IPredictor
{
    /// <inheritdoc />
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"onnx-runtime:greedy:max-tokens={maxTokens}");

    /// <inheritdoc />
    public Task<IReadOnlyList<Prediction>> PredictAsync(string modelDirectory, IReadOnlyList<EvalExample> examples, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        try
        {
            using var model = OnnxChatModel.Load(modelDirectory);
            var greedy = new ChatSettings(maxTokens, Temperature: 0);
            var answers = new List<Prediction>(examples.Count);
            foreach (var example in examples)
            {
                var clock = Stopwatch.StartNew();
                var answer = ChatGeneration.Complete(model, ChatMessage.ParseList(example.Input), greedy, cancellationToken);
                answers.Add(new Prediction(answer.Text.Trim(), LatencyMilliseconds: clock.Elapsed.TotalMilliseconds, InputTokens: answer.PromptTokens, OutputTokens: answer.CompletionTokens));
            }

            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"generated {answers.Count} answers with ONNX Runtime (greedy, at most {maxTokens} tokens)"));
            return Task.FromResult<IReadOnlyList<Prediction>>(answers);
        }
        catch (ChatModelException e)
        {
            throw new StageFailedException(e.Message);
        }
    }
}
