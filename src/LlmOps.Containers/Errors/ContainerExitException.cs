namespace LlmOps.Containers.Errors;

/// <summary>The container ran but exited with a non-zero code (after any declared retries).</summary>
public sealed class ContainerExitException : ContainerStageException
{
    /// <summary>Creates the exception from the exit code and the (already masked) last log lines.</summary>
    public ContainerExitException(string stage, long exitCode, IReadOnlyList<string> logTail, bool oomKilled)
        : base(BuildMessage(stage, exitCode, logTail, oomKilled))
    {
        ExitCode = exitCode;
        LogTail = logTail;
        OomKilled = oomKilled;
    }

    /// <summary>The container's exit code.</summary>
    public long ExitCode { get; }

    /// <summary>The last log lines, secrets masked.</summary>
    public IReadOnlyList<string> LogTail { get; }

    /// <summary>Whether the kernel OOM killer ended the container (raise the memory limit).</summary>
    public bool OomKilled { get; }

    private static string BuildMessage(string stage, long exitCode, IReadOnlyList<string> logTail, bool oomKilled)
    {
        var reason = oomKilled ? " (killed by the OOM killer: raise .Memory(...) or reduce the batch size)" : string.Empty;
        var tail = logTail.Count == 0
            ? "The container wrote no output."
            : $"Last {logTail.Count} log line(s):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", logTail)}";
        return $"Stage '{stage}' container exited with code {exitCode}{reason}. {tail}";
    }
}
