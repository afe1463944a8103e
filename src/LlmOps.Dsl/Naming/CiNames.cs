using System.Text.RegularExpressions;

namespace LlmOps.Dsl;

/// <summary>
/// The one rule for every name that reaches a CI script, a cache key or an artifact path: the pipeline's, its stages',
/// its artifacts', and a workflow's file, group and job names. A name that passes cannot end a shell word, start an
/// option, expand a variable, open a platform expression or name a parent folder, so the emitters may write it into
/// <c>run:</c> and <c>bash:</c> lines as is. Pipeline, stage and artifact names are held to it when a pipeline is
/// defined, so a pipeline that would break it never loads; only emission knows the workflow's own names.
/// </summary>
public static partial class CiNames
{
    /// <summary>The pattern, for messages and documentation.</summary>
    public const string Rule = "an ASCII letter, then up to 99 ASCII letters, digits, '_' or '-'";

    /// <summary>Whether <paramref name="name"/> may appear in a CI script.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>
    /// <paramref name="name"/> as a message may show it: at most 80 characters, control characters as <c>?</c>, so
    /// hostile text reaches no terminal or log viewer in a form it acts on.
    /// </summary>
    public static string Shown(string? name)
    {
        if (name is null)
        {
            return "(null)";
        }

        var shown = new string(name.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return name.Length > 80 ? shown + "..." : shown;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]{0,99}\z")]
    private static partial Regex Pattern();
}
