namespace LlmOps.Tracking.Registry;

/// <summary>One version of a registered model.</summary>
/// <param name="Version">The version number, as text like MLflow's.</param>
/// <param name="RunId">The tracker run that registered it, if any.</param>
public sealed record RegisteredVersion(string Version, string? RunId);
