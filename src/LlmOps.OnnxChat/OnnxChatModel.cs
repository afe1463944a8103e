using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LlmOps.OnnxChat;

/// <summary>
/// The exported chat model run by ONNX Runtime: input_ids [1, n] to logits [1, n, vocab]. It recomputes the whole
/// sequence per token (the export has no KV cache), which a model of this size affords. ONNX Runtime's
/// <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/> is thread-safe, so one instance serves
/// concurrent requests.
/// </summary>
public sealed class OnnxChatModel : IDisposable
{
    /// <summary>The model file in the exported artifact.</summary>
    public const string ModelFile = "model.onnx";

    /// <summary>The export's description of the model (<c>context</c>, <c>vocab_size</c>, ...).</summary>
    public const string ConfigFile = "config.json";

    private readonly InferenceSession _session;

    private OnnxChatModel(InferenceSession session, ChatTokenizer tokenizer, int contextLength) =>
        (_session, Tokenizer, ContextLength) = (session, tokenizer, contextLength);

    /// <summary>The model's tokenizer.</summary>
    public ChatTokenizer Tokenizer { get; }

    /// <summary>The longest sequence (prompt and answer) the model has positions for; <see cref="int.MaxValue"/> when the export does not say.</summary>
    public int ContextLength { get; }

    /// <summary>Whether <paramref name="folder"/> holds an exported chat model (the model and its chat markers).</summary>
    public static bool IsExport(string folder) =>
        File.Exists(Path.Combine(folder, ModelFile)) && File.Exists(Path.Combine(folder, "special_tokens.json"));

    /// <summary>Loads model.onnx and the tokenizer files beside it.</summary>
    /// <exception cref="ChatModelException">A file is missing or ONNX Runtime cannot load the model.</exception>
    public static OnnxChatModel Load(string folder)
    {
        var path = Path.Combine(folder, ModelFile);
        if (!File.Exists(path))
        {
            throw new ChatModelException($"the exported model {path} is missing");
        }

        var tokenizer = ChatTokenizer.Load(folder);
        var context = ReadContext(Path.Combine(folder, ConfigFile));
        try
        {
            // ONNX Runtime sizes its thread pool by the machine's cores; .NET's count follows the container's CPU limit
            // and affinity, so a server limited to one CPU does not run (and spin) two threads on it.
            using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = Environment.ProcessorCount };
            return new OnnxChatModel(new InferenceSession(path, options), tokenizer, context);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ChatModelException($"ONNX Runtime cannot load {path}: {e.Message}", e);
        }
    }

    /// <summary>The logits of the token after <paramref name="ids"/>.</summary>
    public float[] NextTokenLogits(IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var input = new DenseTensor<long>(ids.Select(i => (long)i).ToArray(), [1, ids.Count]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor("input_ids", input)]);
        var logits = results[0].AsTensor<float>();
        var vocabulary = logits.Dimensions[2];
        if (logits is DenseTensor<float> dense)
        {
            return dense.Buffer.Span.Slice((ids.Count - 1) * vocabulary, vocabulary).ToArray();
        }

        var last = new float[vocabulary];
        for (var v = 0; v < vocabulary; v++)
        {
            last[v] = logits[0, ids.Count - 1, v];
        }

        return last;
    }

    /// <summary>Greedy continuation of <paramref name="prompt"/>: at most <paramref name="maxTokens"/> ids, the end marker left out.</summary>
    public List<int> Generate(IReadOnlyList<int> prompt, int maxTokens) =>
        [.. Tokens(prompt, maxTokens, TokenSampler.Greedy, CancellationToken.None).TakeWhile(id => id != Tokenizer.EndId)];

    /// <summary>
    /// The ids that follow <paramref name="prompt"/>, one at a time as each is chosen, ending after the end marker (which is
    /// yielded), after <paramref name="maxTokens"/> ids, or where the context is full.
    /// </summary>
    public IEnumerable<int> Tokens(IReadOnlyList<int> prompt, int maxTokens, TokenSampler sampler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        var ids = new List<int>(prompt);
        for (var produced = 0; produced < maxTokens && ids.Count < ContextLength; produced++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = sampler.Next(NextTokenLogits(ids));
            yield return next;
            if (next == Tokenizer.EndId)
            {
                yield break;
            }

            ids.Add(next);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private static int ReadContext(string config)
    {
        if (!File.Exists(config))
        {
            return int.MaxValue;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(config));
            return document.RootElement.TryGetProperty("context", out var context) && context.TryGetInt32(out var length) && length > 0
                ? length
                : int.MaxValue;
        }
        catch (JsonException e)
        {
            throw new ChatModelException($"{config}: line {e.LineNumber + 1}: not valid JSON ({e.Message.Split(". ")[0]})", e);
        }
    }
}
