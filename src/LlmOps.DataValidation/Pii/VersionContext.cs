namespace LlmOps.DataValidation.Pii;

/// <summary>
/// Tells a version number written as a dotted quad ("version 1.2.3.4", "v10.0.19041.1") from an IPv4 address by the
/// word in front of it. Both have the same shape, so only context can separate them; see <see cref="PiiOptions.ReportVersionLikeIPv4"/>.
/// </summary>
internal static class VersionContext
{
    private static readonly string[] Words =
        ["version", "versions", "ver", "v", "release", "build", "firmware", "driver", "package", "update", "patch", "rev", "revision", "kb", "sdk", "runtime"];

    /// <summary>True when the dotted quad at <paramref name="index"/> is preceded by 'v' or by a version word.</summary>
    public static bool IsVersion(string text, int index)
    {
        var end = index;
        if (end > 0 && text[end - 1] is 'v' or 'V')
        {
            return true; // "v1.2.3.4"
        }

        // Skip what may stand between the word and the number: spaces and "version: 1.2.3.4", "(build 6.1.7601.2)".
        while (end > 0 && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is ':' or '=' or '(' or '#'))
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsAsciiLetter(text[start - 1]))
        {
            start--;
        }

        var word = text.AsSpan(start, end - start);
        foreach (var w in Words)
        {
            if (word.Equals(w, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
