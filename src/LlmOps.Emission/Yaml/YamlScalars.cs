using System.Text;
using System.Text.RegularExpressions;

namespace LlmOps.Emission.Yaml;

/// <summary>
/// Decides how a string is written so that every YAML parser (YAML 1.1 and 1.2 alike) reads it back as exactly
/// that string: plain only for a conservative set of texts that cannot mean anything else, double-quoted otherwise.
/// </summary>
public static partial class YamlScalars
{
    /// <summary>Whether <paramref name="text"/> can be written plain and still read back as the same string.</summary>
    public static bool CanBePlain(string text) =>
        SafePlain().IsMatch(text) && !NonString().IsMatch(text) && !text.Contains(" #", StringComparison.Ordinal);

    /// <summary>
    /// Whether a mapping key can be written plain. GitHub's own top-level <c>on</c> key is the one exception to the
    /// keyword rule: it is how every workflow spells it, and GitHub reads it as the string it is. Anywhere else (an
    /// input or a job named <c>on</c>) it is quoted like any other text a YAML 1.1 reader would take as a boolean.
    /// </summary>
    /// <param name="text">The key.</param>
    /// <param name="topLevel">Whether the key belongs to the document's root mapping.</param>
    public static bool CanBePlainKey(string text, bool topLevel) =>
        (topLevel && text == "on") || (CanBePlain(text) && !text.Contains(' ', StringComparison.Ordinal));

    /// <summary>
    /// Whether <paramref name="text"/> can be an item of a flow sequence (<c>[a, b]</c>) written plain: the plain rules
    /// of any scalar, and none of the flow indicators that would end or split the item.
    /// </summary>
    public static bool CanBePlainInFlow(string text) => CanBePlain(text) && text.IndexOfAny([',', '[', ']', '{', '}']) < 0;

    /// <summary>The text as a double-quoted scalar with every character that YAML would fold or reject escaped.</summary>
    public static string DoubleQuoted(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                throw new ArgumentException("The text contains a lone UTF-16 surrogate, which no YAML file can hold.", nameof(text));
            }

            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when IsPrintable(c) => c.ToString(),
                _ => $"\\u{(int)c:X4}",
            });
        }

        return builder.Append('"').ToString();
    }

    // YAML's printable set minus the characters that are line breaks (NEL, LS, PS) or a byte order mark.
    private static bool IsPrintable(char c) =>
        c is >= ' ' and <= '~' || (c >= '\u00A0' && c <= '\uFFFD' && c is not '\u2028' and not '\u2029' and not '\uFEFF');

    // Starts with a letter, '_', '/', '$' or '(' and holds no indicator that could end or retype the scalar.
    [GeneratedRegex(@"^[A-Za-z_/$(][A-Za-z0-9 _./@+=$(){}*|&!?'<>^%,\[\]-]*(?<! )\z")]
    private static partial Regex SafePlain();

    // Texts that YAML 1.1 or 1.2 resolve to null, booleans or numbers when plain.
    [GeneratedRegex(@"^(~|null|true|false|yes|no|on|off|y|n|\.inf|\.nan)\z", RegexOptions.IgnoreCase)]
    private static partial Regex NonString();
}
