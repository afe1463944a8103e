using LlmOps.Governance.Audit;

namespace LlmOps.Governance.Tests.Audit;

internal static class AuditFixtures
{
    public static readonly Func<string, string?> Ci = name => name switch
    {
        "GITHUB_ACTOR" => "alice",
        "GITHUB_RUN_ID" => "42",
        "GITHUB_SHA" => "0123456789abcdef0123456789abcdef01234567",
        _ => null,
    };

    public static AuditTrail Trail(string root) => AuditTrail.Open(root, Ci);

    /// <summary>A trail of <paramref name="count"/> decisions of every kind.</summary>
    public static string[] Write(string root, int count)
    {
        var trail = Trail(root);
        string[] kinds = [AuditKinds.Gate, AuditKinds.Override, AuditKinds.ThresholdChange, AuditKinds.Policy, AuditKinds.Approval, AuditKinds.Deployment, AuditKinds.Rollback];
        for (var i = 0; i < count; i++)
        {
            trail.Append(new AuditDecision(kinds[i % kinds.Length], $"intent-model 1.0.{i}", new Dictionary<string, string> { ["reason"] = $"decision {i} – café", ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }

        return File.ReadAllLines(trail.FilePath);
    }

    public static void Rewrite(AuditTrail trail, IEnumerable<string> lines) => File.WriteAllText(trail.FilePath, string.Concat(lines.Select(l => l + "\n")));
}
