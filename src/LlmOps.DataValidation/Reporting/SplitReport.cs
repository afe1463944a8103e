namespace LlmOps.DataValidation;

/// <summary>One validated split.</summary>
/// <param name="Name">The split name.</param>
/// <param name="Path">The file validated.</param>
/// <param name="Statistics">Its statistics.</param>
/// <param name="RedactedCopyPath">Where the PII-redacted copy was written, if requested.</param>
public sealed record SplitReport(string Name, string Path, SplitStatistics Statistics, string? RedactedCopyPath);
