using System.Globalization;
using System.Security.Cryptography;
using LlmOps.Evaluation;
using LlmOps.Governance.Audit;

namespace LlmOps.Governance;

/// <summary>
/// The evaluation gate's decisions, appended to the audit trail when governance reads the verdict: the gate's
/// outcome, each override with who, when and why, and each threshold changed from its committed default. The gate
/// itself stays free of the audit trail (LlmOps.Evaluation does not reference governance); a verdict already in the
/// trail (same bytes, by digest) is not appended twice.
/// </summary>
internal static class GateDecisions
{
    public static void Append(AuditTrail trail, Verdict verdict, GovernanceEvidence evidence, string runId)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(VerdictJson.Write(verdict))));
        if (trail.Verify().Entries.Any(e => e.Kind == AuditKinds.Gate && e.Details.GetValueOrDefault("verdict") == digest))
        {
            return;
        }

        var subject = $"{evidence.PackageName} {evidence.PackageVersion}";
        trail.Append(new AuditDecision(AuditKinds.Gate, subject, new Dictionary<string, string>
        {
            ["verdict"] = digest,
            ["passed"] = verdict.Passed ? "true" : "false",
            ["examples"] = verdict.Examples.ToString(CultureInfo.InvariantCulture),
            ["rules"] = string.Join("; ", verdict.Rules.Select(r => $"{r.Rule} {KebabCaseName.Of(r.Status)}")),
        }) { RunId = runId });
        foreach (var rule in verdict.Rules.Where(r => r.Override is not null))
        {
            var o = rule.Override!;
            trail.Append(new AuditDecision(AuditKinds.Override, $"{subject} gate rule {rule.Rule}", new Dictionary<string, string>
            {
                ["rule"] = rule.Rule,
                ["reason"] = o.Reason,
                ["verdict"] = digest,
                ["finding"] = rule.Reason,
            }) { Actor = o.Who, Time = o.When, RunId = runId });
        }

        foreach (var rule in verdict.ChangedThresholds)
        {
            trail.Append(new AuditDecision(AuditKinds.ThresholdChange, $"{subject} gate rule {rule.Rule}", new Dictionary<string, string>
            {
                ["rule"] = rule.Rule,
                ["parameter"] = rule.Threshold.Parameter ?? "",
                ["value"] = rule.Threshold.Value.ToString("R", CultureInfo.InvariantCulture),
                ["committedDefault"] = rule.Threshold.CommittedDefault?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                ["verdict"] = digest,
            }) { RunId = runId });
        }
    }
}
