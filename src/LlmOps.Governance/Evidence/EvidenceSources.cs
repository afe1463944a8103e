namespace LlmOps.Governance;

/// <summary>Where a governed run's evidence is on disk.</summary>
/// <param name="PackageDirectory">The package artifact's folder.</param>
/// <param name="VerdictDirectory">The evaluation report artifact's folder, or null to read the package's.</param>
/// <param name="ValidationDirectories">Validation report artifacts' folders, by artifact name.</param>
/// <param name="DeploymentDirectory">The deployment record artifact's folder, or null before deployment.</param>
/// <param name="TrustedKeyPems">The public keys a signature must verify with.</param>
/// <param name="WorkDirectory">A scratch folder to extract the package into.</param>
/// <param name="RootDirectory">The repository root (a deployment record's relative target resolves against it).</param>
/// <param name="Approval">The approval of this run, or null.</param>
public sealed record EvidenceSources(
    string PackageDirectory,
    string? VerdictDirectory,
    IReadOnlyList<KeyValuePair<string, string>> ValidationDirectories,
    string? DeploymentDirectory,
    IReadOnlyList<string> TrustedKeyPems,
    string WorkDirectory,
    string RootDirectory,
    ApprovalRecord? Approval);
