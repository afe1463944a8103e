namespace LlmOps.Deployment;

/// <summary>A deployment that cannot proceed; the message is the sentence the stage fails with.</summary>
public sealed class DeploymentException(string message) : Exception(message);
