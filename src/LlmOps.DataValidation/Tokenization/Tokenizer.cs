using System.Text.RegularExpressions;

namespace LlmOps.DataValidation;

/// <summary>
/// A tiktoken-compatible BPE encoding. Counts are exact (same as OpenAI's tiktoken) because the
/// vocabularies ship inside the Microsoft.ML.Tokenizers.Data.* packages, so no network is needed.
/// </summary>
/// <remarks>
/// Safe to use from many threads, and it scales with them: each thread counts with its own <see cref="TokenCounter"/>.
/// The library's tokenizer shares one source-generated pre-tokenizer <see cref="Regex"/> across every instance, and
/// a <see cref="Regex"/> caches a single matcher, so two threads splitting text at once keep throwing each other's
/// matcher away and rebuilding it; two cores then counted no faster than one. Special tokens are counted here
/// rather than by the library, which forgets them once its piece cache has turned over (see <see cref="TokenCounter"/>).
/// </remarks>
public sealed class Tokenizer
{
    private readonly ThreadLocal<TokenCounter> _counters;

    private Tokenizer(string encodingName, string pattern)
    {
        EncodingName = encodingName;
        Pattern = pattern;
        _counters = new ThreadLocal<TokenCounter>(() => new TokenCounter(encodingName, pattern));
    }

    /// <summary>The o200k_base encoding (GPT-4o, GPT-4.1, o-series).</summary>
    public static Tokenizer O200kBase { get; } = new("o200k_base", TiktokenPatterns.O200kBase);

    /// <summary>The cl100k_base encoding (GPT-4, GPT-3.5-turbo, text-embedding-3).</summary>
    public static Tokenizer Cl100kBase { get; } = new("cl100k_base", TiktokenPatterns.Cl100kBase);

    /// <summary>The tiktoken encoding name, e.g. <c>o200k_base</c>.</summary>
    public string EncodingName { get; }

    /// <summary>The pre-tokenization pattern, tiktoken's, as Microsoft.ML.Tokenizers uses it.</summary>
    internal string Pattern { get; }

    /// <summary>Counts tokens in <paramref name="text"/>; special-token text such as &lt;|endoftext|&gt; counts as one token.</summary>
    public int CountTokens(string text) => text.Length == 0 ? 0 : _counters.Value!.Count(text);

    /// <summary>Counts tokens in <paramref name="text"/>.</summary>
    public int CountTokens(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : _counters.Value!.Count(text.ToString());

    /// <summary>Whether <paramref name="text"/> is one of this encoding's special tokens (counted as one token where it occurs in text).</summary>
    internal bool IsSpecialToken(ReadOnlySpan<char> text) => _counters.Value!.IsSpecial(text);

    /// <inheritdoc />
    public override string ToString() => EncodingName;
}
