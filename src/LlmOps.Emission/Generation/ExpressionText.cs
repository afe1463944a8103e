namespace LlmOps.Emission;

/// <summary>
/// Keeps user text literal where a CI platform evaluates <c>${{ }}</c> (GitHub job and step names, environment
/// names and URLs; every Azure string). The text <c>${{</c> is replaced by the expression <c>${{ '${{' }}</c>,
/// which evaluates to the two characters it replaces, so the platform shows exactly what was written.
/// </summary>
public static class ExpressionText
{
    /// <summary>The escape that stands for a literal <c>${{</c>.</summary>
    public const string EscapedOpen = "${{ '${{' }}";

    /// <summary>Escapes every <c>${{</c> in <paramref name="text"/>.</summary>
    public static string Literal(string text) => text.Replace("${{", EscapedOpen, StringComparison.Ordinal);

    /// <summary>
    /// Returns <paramref name="text"/> for a position where no expression may appear at all (triggers, input
    /// definitions): there even the escape would be an expression, so <c>${{</c> is an emission error.
    /// </summary>
    /// <param name="text">The user's text.</param>
    /// <param name="where">The pipeline and workflow, for the message.</param>
    /// <param name="what">What the text is, e.g. <c>a push path filter</c>.</param>
    public static string RequireNoExpression(string text, string where, string what) =>
        text.Contains("${{", StringComparison.Ordinal)
            ? throw new EmissionException($"{where}: {what} '{text}' contains '${{{{', which the platform would read as an expression where none is allowed; remove it.")
            : text;

    /// <summary>What the platform shows for escaped text: the inverse of <see cref="Literal"/>.</summary>
    public static string Unescape(string text) => text.Replace(EscapedOpen, "${{", StringComparison.Ordinal);
}
