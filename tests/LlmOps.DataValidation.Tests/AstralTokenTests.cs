using Microsoft.ML.Tokenizers;

namespace LlmOps.DataValidation.Tests;

/// <summary>
/// Code points outside the BMP (U+10000 and up) are one character to tiktoken's regex but two UTF-16 units to .NET's, so
/// a digit like U+1D7F0 was no <c>\p{N}</c> and an emoji no single <c>[^\r\n\p{L}\p{N}]</c>. The expected counts
/// here are built from the pieces tiktoken's pattern makes (worked out by hand from the pattern, one code point per
/// character), each counted by the library's BPE alone.
/// </summary>
public sealed class AstralTokenTests
{
    private static int Bpe(string encoding, params string[] pieces)
    {
        var bpe = TiktokenTokenizer.CreateForEncoding(encoding);
        return pieces.Sum(p => bpe.CountTokens(p, considerPreTokenization: false, considerNormalization: false));
    }

    private static Tokenizer Encoding(string name) => name == "o200k_base" ? Tokenizer.O200kBase : Tokenizer.Cl100kBase;

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Mathematical_digits_group_in_threes_as_tiktoken_groups_them(string encoding)
    {
        // U+1D7F0..U+1D7F3, MATHEMATICAL BOLD DIGITS: "\p{N}{1,3}" takes three, then one.
        const string digits = "\U0001D7F0\U0001D7F1\U0001D7F2\U0001D7F3";

        var count = Encoding(encoding).CountTokens("Total " + digits + " items");

        Assert.Equal(Bpe(encoding, "Total", " ", "\U0001D7F0\U0001D7F1\U0001D7F2", "\U0001D7F3", " items"), count);
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void An_emoji_before_a_word_is_the_words_one_leading_character(string encoding)
    {
        // "[^\r\n\p{L}\p{N}]?" before the letters takes the whole emoji, so the word and its emoji are one piece.
        var count = Encoding(encoding).CountTokens("go\U0001F600abc");

        Assert.Equal(Bpe(encoding, "go", "\U0001F600abc"), count);
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Astral_letters_are_letters(string encoding)
    {
        // U+20000 (CJK extension B) and U+1D400 (MATHEMATICAL BOLD CAPITAL A) are letters: one word with the ASCII ones.
        var count = Encoding(encoding).CountTokens("x\U00020000y \U0001D400bc");

        Assert.Equal(Bpe(encoding, "x\U00020000y", " \U0001D400bc"), count);
    }
}
