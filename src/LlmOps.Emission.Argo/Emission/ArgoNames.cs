using System.Text;
using System.Text.RegularExpressions;

namespace LlmOps.Emission.Argo.Emission;

/// <summary>Names Kubernetes and Argo accept: DNS-1123 labels for tasks and templates, checked before use.</summary>
internal static partial class ArgoNames
{
    /// <summary><c>FineTune</c> → <c>fine-tune</c>, <c>prepare_data</c> → <c>prepare-data</c>.</summary>
    public static string Kebab(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or '-' or '.')
            {
                text.Append('-');
            }
            else if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
            {
                text.Append('-').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }

        return text.ToString();
    }

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 label of at most <paramref name="max"/> characters.</summary>
    public static bool IsLabel(string name, int max = 63) => name.Length <= max && Label().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
