namespace LlmOps.DataValidation;

/// <summary>One file to validate and the name it goes by in rules and reports (e.g. <c>train</c>).</summary>
/// <param name="Name">The split name; <see cref="ValidationRules.NoLeakage(string, string, Severity, double?)"/> refers to it.</param>
/// <param name="Path">The JSONL file.</param>
public sealed record DatasetSplit(string Name, string Path);
