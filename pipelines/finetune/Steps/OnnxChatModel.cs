using System.Text.Json;
using LlmOps.Dsl;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LlmOps.Pipelines.FineTune.Steps;

/// <summary>
/// The exported chat model run by ONNX Runtime: input_ids [1, n] to logits [1, n, vocab], greedy decoding until the
/// end-of-message marker. It recomputes the whole sequence per token (the export has no KV cache), which a model of
/// this size affords.
/// </summary>
public sealed class OnnxChatModel : IDisposable
{
    /// <summary>The model file in the exported artifact.</summary>
    public const string ModelFile = "model.onnx";

    private readonly InferenceSession _session;

    private OnnxChatModel(InferenceSession session, ChatTokenizer tokenizer) => (_session, Tokenizer) = (session, tokenizer);

    /// <summary>The model's tokenizer.</summary>
    public ChatTokenizer Tokenizer { get; }

    /// <summary>Loads model.onnx and the tokenizer files beside it.</summary>
    /// <exception cref="StageFailedException">A file is missing or ONNX Runtime cannot load the model.</exception>
    public static OnnxChatModel Load(string folder)
    {
        var path = Path.Combine(folder, ModelFile);
        if (!File.Exists(path))
        {
            throw new StageFailedException($"the exported model {path} is missing");
        }

        var tokenizer = ChatTokenizer.Load(folder);
        try
        {
            using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            return new OnnxChatModel(new InferenceSession(path, options), tokenizer);
        }
        catch (OnnxRuntimeException e)
        {
            throw new StageFailedException($"ONNX Runtime cannot load {path}: {e.Message}");
        }
    }

    /// <summary>The logits of the token after <paramref name="ids"/>.</summary>
    public float[] NextTokenLogits(IReadOnlyList<int> ids)
    {
        var input = new DenseTensor<long>(ids.Select(i => (long)i).ToArray(), [1, ids.Count]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor("input_ids", input)]);
        var logits = results[0].AsTensor<float>();
        var vocabulary = logits.Dimensions[2];
        var last = new float[vocabulary];
        for (var v = 0; v < vocabulary; v++)
        {
            last[v] = logits[0, ids.Count - 1, v];
        }

        return last;
    }

    /// <summary>Greedy continuation of <paramref name="prompt"/>: at most <paramref name="maxTokens"/> ids, the end marker left out.</summary>
    public List<int> Generate(IReadOnlyList<int> prompt, int maxTokens, int contextLength = int.MaxValue)
    {
        var ids = new List<int>(prompt);
        var generated = new List<int>();
        while (generated.Count < maxTokens && ids.Count < contextLength)
        {
            var next = ArgMax(NextTokenLogits(ids));
            if (next == Tokenizer.EndId)
            {
                break;
            }

            generated.Add(next);
            ids.Add(next);
        }

        return generated;
    }

    /// <summary>The index of the largest value (the first one on ties, as torch.argmax on CPU).</summary>
    public static int ArgMax(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>The messages of an eval example's input: a JSON array of {role, content}.</summary>
    /// <exception cref="StageFailedException">The input is not such an array.</exception>
    public static List<(string Role, string Content)> ParseMessages(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(m => (m.GetProperty("role").GetString() ?? "", m.GetProperty("content").GetString() ?? ""))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new StageFailedException($"an eval prompt is not a JSON array of {{\"role\", \"content\"}} messages: {e.Message.Split(". ")[0]}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
