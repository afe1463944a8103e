namespace LlmOps.DataValidation;

/// <summary>Writes the three report files into a folder, each atomically.</summary>
public static class ReportFiles
{
    /// <summary>The machine-readable report's file name.</summary>
    public const string Json = "validation-report.json";

    /// <summary>The Markdown summary's file name.</summary>
    public const string Markdown = "validation-summary.md";

    /// <summary>The HTML report's file name.</summary>
    public const string Html = "validation-report.html";

    /// <summary>Writes <see cref="Json"/>, <see cref="Markdown"/> and <see cref="Html"/> (with an optional name prefix) into <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> Write(ValidationReport report, string directory, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(report);
        var paths = new[] { Path.Combine(directory, prefix + Json), Path.Combine(directory, prefix + Markdown), Path.Combine(directory, prefix + Html) };
        AtomicFile.WriteAllText(paths[0], JsonReport.Render(report));
        AtomicFile.WriteAllText(paths[1], MarkdownReport.Render(report, title: prefix.Trim('-', '_', '.')));
        AtomicFile.WriteAllText(paths[2], HtmlReport.Render(report));
        return paths;
    }
}
