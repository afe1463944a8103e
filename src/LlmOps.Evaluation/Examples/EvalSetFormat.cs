namespace LlmOps.Evaluation;

/// <summary>Where in an eval-set artifact the examples are and which JSON fields hold what.</summary>
/// <param name="File">The JSONL file inside the artifact; null: the artifact's only <c>.jsonl</c> file.</param>
/// <param name="Input">The field holding the input.</param>
/// <param name="Expected">The field holding the reference answer or label.</param>
/// <param name="Id">The field holding a stable id; the line number when absent.</param>
public sealed record EvalSetFormat(string? File = null, string Input = "input", string Expected = "expected", string Id = "id")
{
    /// <summary>The format as a cache key part.</summary>
    public string Describe() => $"file={File ?? "*"};input={Input};expected={Expected};id={Id}";
}
