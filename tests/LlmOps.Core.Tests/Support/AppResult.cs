namespace LlmOps.Core.Tests.Support;

/// <summary>How one command line ended: its exit code and everything it printed.</summary>
public sealed record AppResult(int ExitCode, string Output, string Error)
{
    /// <summary>Output and error together, for assertions that do not care which stream a line went to.</summary>
    public string All => Output + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
