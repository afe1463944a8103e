using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmOps.Governance;

/// <summary>
/// What a governed stage decided, written as <c>governance.json</c> and signed as <c>governance.dsse.json</c>: the
/// package, each rule with its result and evidence, the approval, and the audit trail's head after the decision was
/// appended (so the signed record pins the trail up to it).
/// </summary>
/// <param name="Stage">The governed stage.</param>
/// <param name="Phase"><c>before-deployment</c> or <c>after-deployment</c>.</param>
/// <param name="RunId">The pipeline run.</param>
/// <param name="Commit">The commit built.</param>
/// <param name="Actor">Who ran it.</param>
/// <param name="At">When it was decided (UTC).</param>
/// <param name="Package">The package's name, version and digest.</param>
/// <param name="Passed">Whether every rule held.</param>
/// <param name="Rules">Every rule's result.</param>
/// <param name="Approval">The approval, or null when none is required.</param>
/// <param name="Audit">The audit trail's head after this decision, or null when the trail could not be written.</param>
public sealed record GovernanceRecord(
    string Stage,
    string Phase,
    string RunId,
    string Commit,
    string Actor,
    DateTimeOffset At,
    GovernedPackage Package,
    bool Passed,
    IReadOnlyList<RuleOutcomeRecord> Rules,
    ApprovalRecord? Approval,
    AuditHead? Audit)
{
    /// <summary>The record's file name.</summary>
    public const string FileName = "governance.json";

    /// <summary>The signed envelope's file name.</summary>
    public const string SignedFileName = "governance.dsse.json";

    /// <summary>The DSSE payload type of a signed record.</summary>
    public const string PayloadType = "application/vnd.llmops.governance+json";

    /// <summary>Camel case, indented.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The record as JSON bytes (what is signed).</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    /// <summary>Reads a record written by <see cref="ToJson"/>.</summary>
    public static GovernanceRecord Read(string json) => JsonSerializer.Deserialize<GovernanceRecord>(json, Options) ?? throw new JsonException("empty governance record");
}

/// <summary>The governed package.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Digest">The archive's digest.</param>
public sealed record GovernedPackage(string Name, string Version, string Digest);

/// <summary>The audit trail's last entry at a moment: its seq and hash stand for the whole chain up to it.</summary>
/// <param name="Seq">The entry's seq.</param>
/// <param name="Hash">The entry's hash.</param>
public sealed record AuditHead(long Seq, string Hash);
