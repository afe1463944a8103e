namespace LlmOps.Governance;

/// <summary>A dataset validation report (<c>*validation-report.json</c>) as the policy reads it.</summary>
/// <param name="Source">Where it came from: the artifact and file, or the package entry.</param>
/// <param name="Verdict">The report's verdict: <c>passed</c>, <c>passed-with-warnings</c> or <c>failed</c>.</param>
/// <param name="Rules">Every rule the validator evaluated.</param>
public sealed record ValidationEvidence(string Source, string Verdict, IReadOnlyList<ValidationRuleEvidence> Rules);

/// <summary>One rule of a validation report.</summary>
/// <param name="RuleId">The rule, e.g. <c>pii.email</c>.</param>
/// <param name="Split">The split it ran on.</param>
/// <param name="Severity"><c>error</c> or <c>warning</c>.</param>
/// <param name="Violated">Whether its threshold was crossed.</param>
/// <param name="Findings">How many findings it counted.</param>
public sealed record ValidationRuleEvidence(string RuleId, string Split, string Severity, bool Violated, long Findings);
