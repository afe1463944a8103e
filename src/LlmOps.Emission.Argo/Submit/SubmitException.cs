namespace LlmOps.Emission.Argo.Submit;

/// <summary>A submission that cannot go ahead, for a reason the user can fix; printed without a stack trace.</summary>
internal sealed class SubmitException(string message) : Exception(message);
