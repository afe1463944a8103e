namespace LlmOps.Execution;

/// <summary>An artifact in the store cannot be used as it is: a file is missing or its bytes changed.</summary>
public sealed class StoreDamageException(string message) : Exception(message);
