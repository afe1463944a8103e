namespace LlmOps.DataValidation;

/// <summary>
/// A configuration mistake by the caller (unknown split in a leakage rule, bad threshold, unusable output folder).
/// The message is meant for the user as is; problems inside dataset files are findings, never exceptions.
/// </summary>
public sealed class DataValidationException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public DataValidationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and the underlying cause.</summary>
    public DataValidationException(string message, Exception inner) : base(message, inner)
    {
    }
}
