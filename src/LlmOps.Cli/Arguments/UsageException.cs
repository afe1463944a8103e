namespace LlmOps.Cli;

/// <summary>A command-line mistake: printed without a stack trace, exit code 2.</summary>
/// <param name="message">What is wrong and the closest valid spelling, where there is one.</param>
public sealed class UsageException(string message) : Exception(message);
