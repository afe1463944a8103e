namespace LlmOps.DataValidation;

/// <summary>The overall outcome of a validation.</summary>
public enum Verdict
{
    /// <summary>No rule was violated.</summary>
    Passed,

    /// <summary>Only warning-severity rules were violated.</summary>
    PassedWithWarnings,

    /// <summary>At least one error-severity rule was violated.</summary>
    Failed,
}
