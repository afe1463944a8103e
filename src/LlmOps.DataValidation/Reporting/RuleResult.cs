namespace LlmOps.DataValidation;

/// <summary>The outcome of one rule on one split (or one split pair for leakage).</summary>
/// <param name="RuleId">The rule id.</param>
/// <param name="Split">The split (for leakage: the split the leaked examples are in).</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="Violated">Whether the rule's threshold was crossed.</param>
/// <param name="TotalFindings">Every finding counted, including those not kept as samples.</param>
/// <param name="Threshold">The configured threshold in words, e.g. <c>rate &lt;= 1%</c>.</param>
/// <param name="Actual">The measured value in words, e.g. <c>2.5% (25 of 1000)</c>.</param>
/// <param name="Samples">The first findings, capped by <see cref="ValidationRules.MaxSamples"/>.</param>
public sealed record RuleResult(
    string RuleId,
    string Split,
    Severity Severity,
    bool Violated,
    long TotalFindings,
    string? Threshold,
    string? Actual,
    IReadOnlyList<Finding> Samples);
