namespace LlmOps.DataValidation;

/// <summary>How a violated rule affects the verdict.</summary>
public enum Severity
{
    /// <summary>A violation fails the validation verdict.</summary>
    Error,

    /// <summary>A violation is reported but does not fail the verdict.</summary>
    Warning,
}
