namespace LlmOps.Core.Tests.Analysis;

internal static class SourceEdits
{
    /// <summary>Replaces <paramref name="old"/>, which must occur: an edit that silently did nothing would prove nothing.</summary>
    public static string Edit(this string source, string old, string replacement) =>
        source.Contains(old, StringComparison.Ordinal)
            ? source.Replace(old, replacement, StringComparison.Ordinal)
            : throw new ArgumentException($"'{old}' is not in the source", nameof(old));
}
