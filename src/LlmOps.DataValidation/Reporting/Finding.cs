namespace LlmOps.DataValidation;

/// <summary>
/// One problem at one place. <see cref="Sample"/> is a masked excerpt (PII findings); raw PII never appears here.
/// </summary>
/// <param name="RuleId">The rule that produced it, see <see cref="RuleIds"/>.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="Split">The split name, e.g. <c>train</c>.</param>
/// <param name="File">The split's file path.</param>
/// <param name="Line">1-based line number (0 for file-level findings).</param>
/// <param name="Column">1-based byte column within the line, where known.</param>
/// <param name="FieldPath">JSON path of the field, e.g. <c>messages[2].content</c>, where known.</param>
/// <param name="Message">What is wrong, for a person.</param>
/// <param name="Sample">A redacted sample of the offending value, where useful.</param>
public sealed record Finding(
    string RuleId,
    Severity Severity,
    string Split,
    string File,
    long Line,
    int? Column,
    string? FieldPath,
    string Message,
    string? Sample);
