namespace LlmOps.Execution;

/// <summary>Prints progress to the terminal, one line at a time so parallel stages do not interleave mid-line.</summary>
public sealed class ConsoleReporter(TextWriter output, bool color) : IRunReporter
{
    private readonly Lock _gate = new();

    /// <summary>A reporter on standard output, in colour when it is a terminal and NO_COLOR is not set.</summary>
    public static ConsoleReporter Default() =>
        new(Console.Out, !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);

    /// <inheritdoc />
    public void Info(string message) => Write(message);

    /// <inheritdoc />
    public void StageStatus(string stageId, StageStatus status, string detail)
    {
        var symbol = SymbolOf(status);
        var code = status switch
        {
            Execution.StageStatus.Running => "36",
            Execution.StageStatus.Succeeded => "32",
            Execution.StageStatus.Cached => "34",
            Execution.StageStatus.Skipped => "90",
            Execution.StageStatus.Failed => "31",
            _ => "33",
        };
        Write(color ? $"\u001b[{code}m{symbol} {stageId}\u001b[0m: {detail}" : $"{symbol} {stageId}: {detail}");
    }

    /// <summary>The symbol a status line starts with, the same for every reporter: ▶ running, ✔ succeeded, ● cached, ○ skipped, ✖ failed.</summary>
    public static string SymbolOf(StageStatus status) => status switch
    {
        Execution.StageStatus.Running => "▶",
        Execution.StageStatus.Succeeded => "✔",
        Execution.StageStatus.Cached => "●",
        Execution.StageStatus.Skipped => "○",
        Execution.StageStatus.Failed => "✖",
        _ => "■",
    };

    /// <inheritdoc />
    public void StageLog(string stageId, string line) => Write(color ? $"  \u001b[90m{stageId} |\u001b[0m {line}" : $"  {stageId} | {line}");

    /// <inheritdoc />
    public void Annotation(string stageId, string line) => Write(line);

    private void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine(line);
        }
    }
}
