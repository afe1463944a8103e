namespace LlmOps.Serving.Models;

/// <summary>What is being served: shown by <c>/health</c>, exported as <c>llmops_model_info</c>, and echoed in answers.</summary>
/// <param name="Name">The package name (<c>support-intent</c>).</param>
/// <param name="Version">The package version.</param>
/// <param name="Kind">The handler's kind.</param>
public sealed record ServedModel(string Name, string Version, string Kind);
