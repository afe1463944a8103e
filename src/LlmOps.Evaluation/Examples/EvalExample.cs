namespace LlmOps.Evaluation;

/// <summary>One example of an eval set.</summary>
/// <param name="Id">A stable identifier (the <c>id</c> field, else the line number), so a verdict names examples.</param>
/// <param name="Input">What the model is given: a message to classify or a prompt.</param>
/// <param name="Expected">The reference answer or label, or null when the metrics need none.</param>
/// <param name="Fields">Every string field of the line, for slices and custom metrics.</param>
public sealed record EvalExample(string Id, string Input, string? Expected, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>A field of the line, or an empty string.</summary>
    public string Field(string name) => Fields.TryGetValue(name, out var value) ? value : "";
}
