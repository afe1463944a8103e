using LlmOps.Dsl;
using LlmOps.Runtime;

namespace LlmOps.Execution;

/// <summary>Writes an <see cref="Annotation"/> as the line the CI host turns into an annotation on the file.</summary>
public static class CiAnnotations
{
    /// <summary>
    /// The line for <paramref name="annotation"/>, its file made relative to <paramref name="rootDirectory"/> with '/'
    /// separators (both hosts match annotations to files by repository path). User text is escaped so a message
    /// cannot end the command early or start another.
    /// </summary>
    public static string Format(Annotation annotation, string rootDirectory, CiHost host)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var file = Path.IsPathRooted(annotation.File) ? Path.GetRelativePath(rootDirectory, annotation.File) : annotation.File;
        file = file.Replace('\\', '/');
        var severity = annotation.Severity.ToString().ToLowerInvariant();
        return host switch
        {
            CiHost.GitHub => $"::{severity} file={GitHubProperty(file)}{(annotation.Line is { } l ? $",line={l}" : "")}::{GitHubData(annotation.Message)}",
            CiHost.Azure => $"##vso[task.logissue type={(annotation.Severity == AnnotationSeverity.Error ? "error" : "warning")};sourcepath={AzureProperty(file)}{(annotation.Line is { } l ? $";linenumber={l}" : "")};]{AzureData(annotation.Message)}",
            _ => $"{file}{(annotation.Line is { } line ? $":{line}" : "")}: {severity}: {OneLine(annotation.Message)}",
        };
    }

    // GitHub's escaping (actions/toolkit command.ts): data escapes % CR LF; properties also : and ,.
    private static string GitHubData(string text) => text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string GitHubProperty(string text) => GitHubData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    // Azure's escaping (azure-pipelines-task-lib): %AZP25 for %, then CR, LF; properties also ; and ].
    private static string AzureData(string text) => text.Replace("%", "%AZP25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string AzureProperty(string text) => AzureData(text).Replace(";", "%3B", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal);

    private static string OneLine(string text) => text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
