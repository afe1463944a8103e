namespace LlmOps.Emission;

/// <summary>
/// A workflow declaration that cannot be emitted (a GPU stage routed to a runner without GPUs, an invalid job
/// name, two workflows writing one file). It is a user mistake: the CLI prints the message without a stack trace.
/// </summary>
/// <param name="message">What is wrong, naming the pipeline, workflow and stage, and how to fix it.</param>
public sealed class EmissionException(string message) : Exception(message);
