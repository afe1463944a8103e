namespace LlmOps.Governance.Audit;

/// <summary>
/// One decision in the audit trail, as one JSON line. <see cref="Hash"/> is the SHA-256 of the entry's canonical JSON
/// without <c>hash</c>, and <see cref="PrevHash"/> is the hash of the entry before it, so changing, removing,
/// reordering or inserting an entry breaks the chain at a place <see cref="AuditVerifier"/> names.
/// </summary>
/// <param name="Seq">1 for the first entry, then one more for each.</param>
/// <param name="Time">When the decision was recorded (UTC, millisecond precision).</param>
/// <param name="Actor">Who decided: the CI actor or the local user.</param>
/// <param name="RunId">The pipeline run (or CI run) that recorded it.</param>
/// <param name="Commit">The commit the run built.</param>
/// <param name="Kind">What kind of decision (<see cref="AuditKinds"/>).</param>
/// <param name="Subject">What it is about, e.g. <c>intent-model 1.0.3</c> or <c>Support.Evaluate/min-accuracy</c>.</param>
/// <param name="Details">The decision's particulars, as text.</param>
/// <param name="PrevHash">The previous entry's hash, or 64 zeros for the first.</param>
/// <param name="Hash">This entry's hash.</param>
public sealed record AuditEntry(
    long Seq,
    DateTimeOffset Time,
    string Actor,
    string RunId,
    string Commit,
    string Kind,
    string Subject,
    IReadOnlyDictionary<string, string> Details,
    string PrevHash,
    string Hash)
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>One line for people: <c>#3 2026-12-02T18:00:00Z approval production by alice (github)</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"#{Seq} {Time:yyyy-MM-ddTHH:mm:ssZ} {Kind} {Subject} by {Actor} (run {RunId}, commit {Short(Commit)})");

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;
}
