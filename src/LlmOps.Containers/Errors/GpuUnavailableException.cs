namespace LlmOps.Containers.Errors;

/// <summary>
/// The stage requested GPUs but the engine has no GPU runtime. Raised before any container is created,
/// so a training job never silently runs on CPU.
/// </summary>
public sealed class GpuUnavailableException : ContainerStageException
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public GpuUnavailableException(string message)
        : base(message)
    {
    }
}
