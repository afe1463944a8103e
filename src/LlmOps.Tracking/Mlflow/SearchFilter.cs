namespace LlmOps.Tracking.Mlflow;

/// <summary>
/// Writes values into MLflow search filters. MLflow parses a filter with sqlparse and takes a string value verbatim
/// between its quotes (<c>SearchUtils._strip_quotes</c>): there is no escape, so <c>'it''s'</c> is searched for as
/// <c>it''s</c>, and a value is quoted with whichever of <c>'</c> or <c>"</c> it does not contain.
/// </summary>
internal static class SearchFilter
{
    /// <summary><c>tags.`key` = 'value'</c>; a value holding both quote characters cannot be written and is an error.</summary>
    internal static string TagEquals(string key, string value) =>
        $"tags.`{key}` = {Literal(value) ?? throw new ArgumentException($"The tag value '{value}' holds both ' and \", which an MLflow search filter cannot express.", nameof(value))}";

    /// <summary>
    /// A filter on a registered model's name. A name holding both quote characters is searched for with LIKE and
    /// each quote as the one-character wildcard <c>_</c>, so callers must still compare names exactly.
    /// </summary>
    internal static string NameEquals(string name) =>
        Literal(name) is { } literal ? $"name = {literal}" : $"name LIKE '{name.Replace('\'', '_').Replace('"', '_')}'";

    private static string? Literal(string value) =>
        !value.Contains('\'', StringComparison.Ordinal) ? $"'{value}'"
        : !value.Contains('"', StringComparison.Ordinal) ? $"\"{value}\""
        : null;
}
