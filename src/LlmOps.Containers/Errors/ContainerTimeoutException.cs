namespace LlmOps.Containers.Errors;

/// <summary>The container ran past the stage timeout; it has been stopped and removed.</summary>
public sealed class ContainerTimeoutException : ContainerStageException
{
    /// <summary>Creates the exception for the stage and its timeout.</summary>
    public ContainerTimeoutException(string stage, TimeSpan timeout, IReadOnlyList<string> logTail)
        : base($"Stage '{stage}' container did not finish within its timeout of {timeout}; it was stopped and removed."
            + (logTail.Count == 0 ? string.Empty : $" Last log line: {logTail[^1]}"))
    {
        Timeout = timeout;
        LogTail = logTail;
    }

    /// <summary>The timeout that was exceeded.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The last log lines, secrets masked.</summary>
    public IReadOnlyList<string> LogTail { get; }
}
