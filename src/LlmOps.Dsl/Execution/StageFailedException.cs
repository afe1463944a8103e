namespace LlmOps.Dsl;

/// <summary>
/// Thrown by a stage to fail with a message meant for people (a gate that did not pass, bad input data).
/// The executor prints the message without a stack trace.
/// </summary>
/// <param name="message">What went wrong and, where possible, how to fix it.</param>
public sealed class StageFailedException(string message) : Exception(message);
