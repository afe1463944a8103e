namespace LlmOps.Emission;

/// <summary>A file the generator wants on disk.</summary>
/// <param name="Path">The path relative to the repository root, with '/' separators.</param>
/// <param name="Content">The content: UTF-8 text with LF line endings.</param>
public sealed record GeneratedFile(string Path, string Content);
