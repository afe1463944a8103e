using System.Text;

namespace LlmOps.Deployment;

/// <summary>The API server's rules for names and label values, checked here so a mistake is named before anything is sent.</summary>
internal static class KubernetesNames
{
    /// <summary>An RFC 1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63.</summary>
    public static bool IsDnsLabel(string value) =>
        value.Length is > 0 and <= 63
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && char.IsAsciiLetterOrDigit(value[0]) && char.IsAsciiLetterOrDigit(value[^1]);

    /// <summary>
    /// <paramref name="value"/> as a label value (at most 63 of [A-Za-z0-9._-], alphanumeric at both ends); other
    /// characters become '-'. The exact value goes into an annotation beside it.
    /// </summary>
    public static string LabelValue(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        var result = text.ToString();
        result = result.Length > 63 ? result[..63] : result;
        return result.Trim('.', '_', '-');
    }
}
