using System.Diagnostics;
using System.Globalization;
using LlmOps.Evaluation;

namespace LlmOps.Pipelines.FineTune.Steps;

/// <summary>
/// The gate's answers from the exported model itself (ONNX Runtime, greedy, in process): what ships is what is judged.
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
        using var model = OnnxChatModel.Load(modelDirectory);
        var answers = new List<Prediction>(examples.Count);
        foreach (var example in examples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var prompt = model.Tokenizer.EncodePrompt(OnnxChatModel.ParseMessages(example.Input));
            var reply = model.Generate(prompt, maxTokens);
            answers.Add(new Prediction(model.Tokenizer.Decode(reply).Trim(), LatencyMilliseconds: clock.Elapsed.TotalMilliseconds, InputTokens: prompt.Count, OutputTokens: reply.Count));
        }

        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"generated {answers.Count} answers with ONNX Runtime (greedy, at most {maxTokens} tokens)"));
        return Task.FromResult<IReadOnlyList<Prediction>>(answers);
    }
}
