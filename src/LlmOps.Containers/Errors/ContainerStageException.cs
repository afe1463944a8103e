namespace LlmOps.Containers.Errors;

/// <summary>
/// A container stage could not run as declared: bad configuration, an unreachable engine, a missing image.
/// The message is meant for the pipeline user and never contains secret values.
/// </summary>
public class ContainerStageException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public ContainerStageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and the low-level cause.</summary>
    public ContainerStageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
