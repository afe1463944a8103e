namespace LlmOps.DataValidation;

/// <summary>One file to validate and the name it goes by in rules and reports (e.g. <c>train</c>).</summary>
/// <param name="Name">The split name; <see cref="ValidationRules.NoLeakage(string, string, Severity, double?)"/> refers to it.</param>
/// <param name="Path">The JSONL file.</param>
public sealed record DatasetSplit(string Name, string Path)
{
    /// <summary>How findings name the file (default: <see cref="Path"/>), e.g. a path relative to an artifact instead of a store path.</summary>
    public string? DisplayPath { get; init; }

    internal string Shown => DisplayPath ?? Path;
}
