namespace LlmOps.Evaluation;

/// <summary>One example with what a model answered: the unit every metric scores.</summary>
/// <param name="Example">The example.</param>
/// <param name="Output">The model's answer: a label or generated text.</param>
/// <param name="Confidence">The model's probability for its answer (classifiers), or null.</param>
/// <param name="LatencyMilliseconds">How long the answer took, or null when unmeasured.</param>
/// <param name="InputTokens">Prompt tokens the endpoint reported, or null when it reported none.</param>
/// <param name="OutputTokens">Completion tokens the endpoint reported, or null when it reported none.</param>
public sealed record EvalRecord(EvalExample Example, string Output, double? Confidence = null, double? LatencyMilliseconds = null, long? InputTokens = null, long? OutputTokens = null)
{
    /// <summary>Whether the answer equals the expected label exactly.</summary>
    public bool IsCorrect => Example.Expected is not null && string.Equals(Output.Trim(), Example.Expected.Trim(), StringComparison.Ordinal);
}
