namespace LlmOps.DataValidation;

/// <summary>The result of validating one or more splits.</summary>
public sealed record ValidationReport
{
    /// <summary>Failed if any error rule was violated.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>The dataset format name.</summary>
    public required string Format { get; init; }

    /// <summary>The splits, in the order given.</summary>
    public required IReadOnlyList<SplitReport> Splits { get; init; }

    /// <summary>Every rule evaluated, violated ones first.</summary>
    public required IReadOnlyList<RuleResult> Rules { get; init; }

    /// <summary>The violated rules.</summary>
    public IEnumerable<RuleResult> Violations => Rules.Where(r => r.Violated);

    /// <summary>All kept finding samples, ordered by split, line and column.</summary>
    public IEnumerable<Finding> Findings => Rules.SelectMany(r => r.Samples)
        .OrderBy(f => f.Split, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column ?? 0);

    /// <summary>Total findings of error-severity rules.</summary>
    public long ErrorCount => Rules.Where(r => r.Severity == Severity.Error).Sum(r => r.TotalFindings);

    /// <summary>Total findings of warning-severity rules.</summary>
    public long WarningCount => Rules.Where(r => r.Severity == Severity.Warning).Sum(r => r.TotalFindings);
}
