namespace LlmOps.Containers.Errors;

/// <summary>The Docker engine could not be reached or speaks an API that is too old.</summary>
public sealed class DockerEngineUnavailableException : ContainerStageException
{
    /// <summary>Creates the exception for the endpoint that was tried.</summary>
    public DockerEngineUnavailableException(Uri endpoint, string message, Exception? innerException = null)
        : base(message, innerException ?? new InvalidOperationException(message))
    {
        Endpoint = endpoint;
    }

    /// <summary>The endpoint the connection attempt used.</summary>
    public Uri Endpoint { get; }
}
