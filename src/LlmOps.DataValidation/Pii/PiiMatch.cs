namespace LlmOps.DataValidation.Pii;

/// <summary>One detected value: where it is in the scanned text and its kind. The value itself is never kept.</summary>
internal readonly record struct PiiMatch(PiiKind Kind, int Index, int Length, string Masked);
