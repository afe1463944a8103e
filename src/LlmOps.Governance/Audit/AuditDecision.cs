namespace LlmOps.Governance.Audit;

/// <summary>
/// What a caller appends: the decision's kind, subject and particulars. Who, which run and which commit default to
/// the CI actor or local user, the CI run id, and the checked-out commit (<see cref="AuditOrigin"/>).
/// </summary>
/// <param name="Kind">What kind of decision (<see cref="AuditKinds"/>): lower-case letters, digits and <c>-</c>.</param>
/// <param name="Subject">What it is about.</param>
/// <param name="Details">The decision's particulars, as text (never a secret).</param>
public sealed record AuditDecision(string Kind, string Subject, IReadOnlyDictionary<string, string> Details)
{
    /// <summary>Who decided, or null for the current actor.</summary>
    public string? Actor { get; init; }

    /// <summary>The run that records it, or null for the CI run id (or <c>local</c>).</summary>
    public string? RunId { get; init; }

    /// <summary>The commit, or null for the checked-out one.</summary>
    public string? Commit { get; init; }

    /// <summary>When it was decided, or null for now.</summary>
    public DateTimeOffset? Time { get; init; }
}
