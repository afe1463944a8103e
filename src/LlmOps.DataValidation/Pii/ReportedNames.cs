namespace LlmOps.DataValidation.Pii;

/// <summary>
/// Decides whether a name from the data (an unknown role, field or content-part type, a duplicate key) may be echoed in
/// a report. Identifier-shaped names help the reader; but AWS key ids, SSNs and dashed card numbers are identifier-shaped
/// too, so the PII detectors see every name before it is printed.
/// </summary>
internal static class ReportedNames
{
    /// <summary>What a report prints in place of a name it must not echo.</summary>
    public const string Hidden = "(value not shown)";

    [ThreadStatic]
    private static PiiScanner? t_scanner;

    [ThreadStatic]
    private static List<PiiMatch>? t_matches;

    /// <summary>The name in quotes, or <see cref="Hidden"/> when it is not a short identifier or holds PII of any kind.</summary>
    public static string Quote(string value) => IsShownAsIs(value) ? $"'{value}'" : Hidden;

    private static bool IsShownAsIs(string value)
    {
        if (value.Length > 24 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return false;
        }

        var scanner = t_scanner ??= new PiiScanner(PiiKind.All, PiiOptions.Default);
        var matches = t_matches ??= [];
        matches.Clear();
        scanner.BeginExample();
        scanner.Scan(value, matches);
        return matches.Count == 0;
    }
}
