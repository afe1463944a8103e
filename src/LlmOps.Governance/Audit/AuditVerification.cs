namespace LlmOps.Governance.Audit;

/// <summary>What <see cref="AuditTrail.Verify"/> found.</summary>
/// <param name="Entries">The entries that could be read, in file order.</param>
/// <param name="Problems">Every break in the chain, each naming the entry (seq and line) and what happened to it.</param>
public sealed record AuditVerification(IReadOnlyList<AuditEntry> Entries, IReadOnlyList<AuditProblem> Problems)
{
    /// <summary>Whether the chain is intact.</summary>
    public bool Intact => Problems.Count == 0;

    /// <summary>The last entry, whose hash stands for the whole chain, or null for an empty trail.</summary>
    public AuditEntry? Head => Entries.Count == 0 ? null : Entries[^1];

    internal IEnumerable<string> Unreadable => Problems.Where(p => p.Kind is AuditProblemKind.Unreadable or AuditProblemKind.Torn).Select(p => p.ToString());
}

/// <summary>One break in the chain.</summary>
/// <param name="Line">The line in the file (1-based).</param>
/// <param name="Seq">The entry's sequence number, where known.</param>
/// <param name="Kind">What happened.</param>
/// <param name="What">The sentence that says it.</param>
public sealed record AuditProblem(long Line, long? Seq, AuditProblemKind Kind, string What)
{
    /// <inheritdoc />
    public override string ToString() => What;
}

/// <summary>The ways a trail can be broken.</summary>
public enum AuditProblemKind
{
    /// <summary>An entry's bytes changed since it was written.</summary>
    Edited,

    /// <summary>Entries are missing between two others.</summary>
    Deleted,

    /// <summary>Entries are out of order.</summary>
    Reordered,

    /// <summary>An entry was added among the others.</summary>
    Inserted,

    /// <summary>A line is not an audit entry at all.</summary>
    Unreadable,

    /// <summary>The last line has no newline: a writer stopped mid-append.</summary>
    Torn,
}
