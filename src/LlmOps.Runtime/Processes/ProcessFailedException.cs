namespace LlmOps.Runtime;

/// <summary>A tool could not be started, or exited with a code that does not count as success.</summary>
public sealed class ProcessFailedException : Exception
{
    /// <summary>A failure of <paramref name="tool"/>; <paramref name="exitCode"/> is null when it never started.</summary>
    public ProcessFailedException(string message, string tool, int? exitCode, IReadOnlyList<string> tail, Exception? innerException = null)
        : base(message, innerException)
    {
        Tool = tool;
        ExitCode = exitCode;
        Tail = tail;
    }

    /// <summary>The tool as it was given.</summary>
    public string Tool { get; }

    /// <summary>Its exit code, or null when it could not be started.</summary>
    public int? ExitCode { get; }

    /// <summary>Its last lines of output, secrets masked.</summary>
    public IReadOnlyList<string> Tail { get; }
}
