using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace LlmOps.DataValidation;

/// <summary>
/// One thread's token counter: the library's own pre-tokenizer class and BPE, with a <see cref="Regex"/> instance and a
/// piece cache of its own. Not thread-safe; <see cref="Tokenizer"/> keeps one per thread.
/// </summary>
internal sealed class TokenCounter
{
    // Building a tokenizer writes the special tokens into vocabulary tables that every tokenizer of the encoding
    // shares, so two threads must not build one at the same time.
    private static readonly Lock Building = new();

    private readonly TiktokenTokenizer _tokenizer;
    private readonly RegexPreTokenizer _preTokenizer;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _specialTokens;

    public TokenCounter(string encodingName, string pattern)
    {
        lock (Building)
        {
            _tokenizer = TiktokenTokenizer.CreateForEncoding(encodingName);
        }

        var special = _tokenizer.SpecialTokens ?? new Dictionary<string, int>();

        // The library splits with this same class and pattern; only the Regex object differs, so the pieces are the same.
        _preTokenizer = new RegexPreTokenizer(new Regex(pattern, RegexOptions.Compiled), special);
        _specialTokens = new HashSet<string>(special.Keys, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Whether <paramref name="text"/> is one of the encoding's special tokens, e.g. <c>&lt;|endoftext|&gt;</c>.</summary>
    public bool IsSpecial(ReadOnlySpan<char> text) => _specialTokens.Contains(text);

    /// <summary>Counts the tokens of <paramref name="text"/>, piece by piece as the library's own count does.</summary>
    public int Count(string text)
    {
        if (!AstralText.HasSurrogates(text))
        {
            return CountPieces(text, text, null);
        }

        var (mapped, starts) = AstralText.Map(text);
        return CountPieces(text, mapped, starts);
    }

    /// <summary>Splits <paramref name="split"/> and counts the same pieces of <paramref name="text"/> (<paramref name="starts"/> maps offsets).</summary>
    private int CountPieces(string text, string split, int[]? starts)
    {
        var total = 0;
        foreach (var (splitOffset, splitLength) in _preTokenizer.PreTokenize(split))
        {
            var (offset, length) = starts is null ? (splitOffset, splitLength) : (starts[splitOffset], starts[splitOffset + splitLength] - starts[splitOffset]);
            var piece = text.AsSpan(offset, length);

            // The library knows a special token only through an entry in its piece cache, which is evicted once 8,192
            // other short pieces have been seen; then "<|endoftext|>" counts as 7 tokens. Special pieces come only
            // from the pre-tokenizer's special-token split, so they are counted here, as one token each.
            total += piece.Length > 2 && piece[0] == '<' && _specialTokens.Contains(piece)
                ? 1
                : _tokenizer.CountTokens(piece, considerPreTokenization: false, considerNormalization: false);
        }

        return total;
    }
}
