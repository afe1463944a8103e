namespace LlmOps.Serving.Hosting;

/// <summary>A command line that cannot be run; printed as one line with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
