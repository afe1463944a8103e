using System.Globalization;
using System.Text;

namespace LlmOps.DataValidation;

/// <summary>
/// Makes .NET's regex see code points above U+FFFF as tiktoken's regex does: as one character of their Unicode
/// category. .NET matches UTF-16 units, so U+1D7F0 (a bold digit) was two surrogates instead of one <c>\p{N}</c>. Each
/// such code point is replaced by one BMP character of the same category for splitting only; the pieces are then
/// mapped back and the original text is counted.
/// </summary>
internal static class AstralText
{
    /// <summary>Whether <paramref name="text"/> has any surrogate, i.e. whether splitting it needs <see cref="Map"/>.</summary>
    public static bool HasSurrogates(string text) => text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    /// <summary>
    /// The text with each surrogate pair replaced by a stand-in of its category, and for each character of it the
    /// offset in <paramref name="text"/> where it starts (plus one last entry: the text's length).
    /// </summary>
    public static (string Mapped, int[] Starts) Map(string text)
    {
        var mapped = new StringBuilder(text.Length);
        var starts = new int[text.Length + 1];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            starts[n++] = i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                mapped.Append(StandIn(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[i], text[i + 1]))));
                i++;
            }
            else
            {
                mapped.Append(text[i]);
            }
        }

        starts[n] = text.Length;
        return (mapped.ToString(), starts);
    }

    /// <summary>
    /// A BMP character in the same classes of tiktoken's patterns (letter subcategories, marks, numbers, other). No
    /// astral code point is whitespace, and the stand-in for everything else must not be a character the patterns
    /// name literally (apostrophe, slash, CR, LF).
    /// </summary>
    private static char StandIn(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => 'A',
        UnicodeCategory.LowercaseLetter => 'a',
        UnicodeCategory.TitlecaseLetter => '\u01C5',
        UnicodeCategory.ModifierLetter => '\u02B0',
        UnicodeCategory.OtherLetter => '\u4E00',
        UnicodeCategory.NonSpacingMark => '\u0300',
        UnicodeCategory.SpacingCombiningMark => '\u0903',
        UnicodeCategory.EnclosingMark => '\u20DD',
        UnicodeCategory.DecimalDigitNumber => '0',
        UnicodeCategory.LetterNumber => '\u2160',
        UnicodeCategory.OtherNumber => '\u00B2',
        _ => '\u00A9',
    };
}
