namespace LlmOps.Evaluation;

/// <summary>A model's answer to one example.</summary>
/// <param name="Output">The label or text.</param>
/// <param name="Confidence">The model's probability for it, or null.</param>
/// <param name="LatencyMilliseconds">How long it took, or null.</param>
/// <param name="InputTokens">Prompt tokens the endpoint reported using (<c>UsageDetails.InputTokenCount</c>), or null.</param>
/// <param name="OutputTokens">Completion tokens the endpoint reported using (<c>UsageDetails.OutputTokenCount</c>), or null.</param>
public sealed record Prediction(string Output, double? Confidence = null, double? LatencyMilliseconds = null, long? InputTokens = null, long? OutputTokens = null)
{
    /// <summary>A label or text without confidence or timing.</summary>
    public static implicit operator Prediction(string output) => new(output);
}
