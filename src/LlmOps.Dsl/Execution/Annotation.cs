namespace LlmOps.Dsl;

/// <summary>How serious an <see cref="Annotation"/> is.</summary>
public enum AnnotationSeverity
{
    /// <summary>A failure: a gate or policy rule that did not hold, an invalid record.</summary>
    Error,

    /// <summary>Worth a look, not a failure.</summary>
    Warning,

    /// <summary>Information.</summary>
    Notice,
}

/// <summary>
/// A finding that points at a line of a file (a record of a dataset, the pipeline line that declared a rule), shown
/// where the CI host shows such things: a GitHub annotation on the file, an Azure DevOps issue, or
/// <c>file:line: error: message</c> on a terminal.
/// </summary>
/// <param name="File">The file, absolute or relative to the repository root.</param>
/// <param name="Line">The 1-based line, or null for the file as a whole.</param>
/// <param name="Message">What is wrong, in one line.</param>
/// <param name="Severity">How serious it is.</param>
public sealed record Annotation(string File, int? Line, string Message, AnnotationSeverity Severity = AnnotationSeverity.Error);
