using Microsoft.ML.Tokenizers;

namespace LlmOps.DataValidation;

/// <summary>
/// A tiktoken-compatible BPE encoding. Counts are exact (same as OpenAI's tiktoken) because the
/// vocabularies ship inside the Microsoft.ML.Tokenizers.Data.* packages, so no network is needed.
/// </summary>
public sealed class Tokenizer
{
    private readonly Lazy<TiktokenTokenizer> _impl;

    private Tokenizer(string encodingName)
    {
        EncodingName = encodingName;
        _impl = new Lazy<TiktokenTokenizer>(() => TiktokenTokenizer.CreateForEncoding(encodingName), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The o200k_base encoding (GPT-4o, GPT-4.1, o-series).</summary>
    public static Tokenizer O200kBase { get; } = new("o200k_base");

    /// <summary>The cl100k_base encoding (GPT-4, GPT-3.5-turbo, text-embedding-3).</summary>
    public static Tokenizer Cl100kBase { get; } = new("cl100k_base");

    /// <summary>The tiktoken encoding name, e.g. <c>o200k_base</c>.</summary>
    public string EncodingName { get; }

    /// <summary>Counts tokens in <paramref name="text"/>; special-token text such as &lt;|endoftext|&gt; counts as one token.</summary>
    public int CountTokens(string text) => text.Length == 0 ? 0 : _impl.Value.CountTokens(text);

    /// <summary>Counts tokens in <paramref name="text"/>.</summary>
    public int CountTokens(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : _impl.Value.CountTokens(text);

    /// <inheritdoc />
    public override string ToString() => EncodingName;
}
