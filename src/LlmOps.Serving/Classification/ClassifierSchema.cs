namespace LlmOps.Serving.Classification;

/// <summary>
/// The classifier's input row: the support model's pipeline starts by mapping <c>Label</c> to a key, so the column
/// must exist at prediction time even though its value is ignored.
/// </summary>
internal sealed class ClassifierInput
{
    public string Text { get; set; } = "";

    public string Label { get; set; } = "";
}

/// <summary>The classifier's output row.</summary>
internal sealed class ClassifierOutput
{
    public string PredictedLabel { get; set; } = "";

    public float[] Score { get; set; } = [];
}

/// <summary>The body of <c>POST /v1/classify</c>.</summary>
/// <param name="Text">The message to classify.</param>
public sealed record ClassifyRequest(string? Text);

/// <summary>The answer of <c>POST /v1/classify</c>.</summary>
/// <param name="Label">The predicted intent.</param>
/// <param name="Confidence">Its probability.</param>
/// <param name="Scores">Every intent's probability, when the model names its classes.</param>
/// <param name="Model">The package name.</param>
/// <param name="Version">The package version.</param>
public sealed record ClassifyResponse(string Label, double Confidence, IReadOnlyDictionary<string, double> Scores, string Model, string Version);
