namespace LlmOps.Emission;

/// <summary>A toleration that lets GPU tasks onto tainted GPU nodes (<c>nvidia.com/gpu</c> <c>Exists</c> <c>NoSchedule</c>).</summary>
/// <param name="Key">The taint key.</param>
/// <param name="Operator"><c>Exists</c> or <c>Equal</c>.</param>
/// <param name="Value">The taint value for <c>Equal</c>, else null.</param>
/// <param name="Effect"><c>NoSchedule</c>, <c>PreferNoSchedule</c>, <c>NoExecute</c>, or null for every effect.</param>
public sealed record NodeToleration(string Key, string Operator = "Exists", string? Value = null, string? Effect = "NoSchedule");
