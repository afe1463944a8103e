namespace LlmOps.Governance;

/// <summary>What one policy rule found: whether it holds, a sentence saying why, and the evidence it looked at.</summary>
/// <param name="Passed">Whether the rule holds.</param>
/// <param name="Detail">Why, in a sentence naming what was checked.</param>
/// <param name="Evidence">The facts it judged (file, digest, value), as text; empty when the sentence says it all.</param>
public sealed record RuleResult(bool Passed, string Detail, IReadOnlyDictionary<string, string> Evidence)
{
    /// <summary>The rule holds.</summary>
    public static RuleResult Pass(string detail, IReadOnlyDictionary<string, string>? evidence = null) => new(true, detail, evidence ?? new Dictionary<string, string>());

    /// <summary>The rule does not hold.</summary>
    public static RuleResult Fail(string detail, IReadOnlyDictionary<string, string>? evidence = null) => new(false, detail, evidence ?? new Dictionary<string, string>());

    /// <summary><see cref="Pass"/> when <paramref name="holds"/>, else <see cref="Fail"/>, with the same sentence.</summary>
    public static RuleResult Of(bool holds, string detail, IReadOnlyDictionary<string, string>? evidence = null) =>
        new(holds, detail, evidence ?? new Dictionary<string, string>());
}

/// <summary>A rule of a governance policy: a name (what the report and a failure name) and typed C# over the evidence.</summary>
/// <param name="Name">Lower-case words joined by <c>-</c>, unique in the policy.</param>
/// <param name="Check">The rule; an exception it throws is a failed rule naming it.</param>
public sealed record PolicyRule(string Name, Func<GovernanceEvidence, RuleResult> Check)
{
    /// <summary>The source file of the pipeline line that declared the rule, so a CI annotation can point at it; null for built-in rules.</summary>
    public string? DeclaredIn { get; init; }

    /// <summary>The line in <see cref="DeclaredIn"/>.</summary>
    public int DeclaredAt { get; init; }
}

/// <summary>One rule's outcome, as the report and the record hold it.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Result">What it found.</param>
public sealed record RuleOutcomeRecord(string Rule, RuleResult Result);
