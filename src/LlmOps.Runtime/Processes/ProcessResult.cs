namespace LlmOps.Runtime;

/// <summary>How a tool run by <see cref="ProcessRunner"/> ended.</summary>
/// <param name="Tool">The tool as it was given (a name looked up on PATH, or a path).</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Succeeded">Whether the exit code is one of the options' success codes.</param>
/// <param name="Tail">The last lines of its standard output and error, interleaved as they came, secrets masked.</param>
/// <param name="Elapsed">How long it ran.</param>
public sealed record ProcessResult(string Tool, int ExitCode, bool Succeeded, IReadOnlyList<string> Tail, TimeSpan Elapsed)
{
    // The failure message is one line (it becomes a stage's reason in a table); the whole output is in the log.
    private const int MessageLines = 5;

    /// <summary>One line naming the tool, its exit code and its last few lines of output.</summary>
    public string FailureMessage =>
        Tail.Count == 0
            ? $"{Tool} exited with code {ExitCode} and printed nothing"
            : $"{Tool} exited with code {ExitCode}; last output: {string.Join(" | ", Tail.TakeLast(MessageLines))}";

    /// <summary>This result when it succeeded; otherwise throws <see cref="ProcessFailedException"/> with <see cref="FailureMessage"/>.</summary>
    public ProcessResult EnsureSucceeded() => Succeeded ? this : throw new ProcessFailedException(FailureMessage, Tool, ExitCode, Tail);
}
