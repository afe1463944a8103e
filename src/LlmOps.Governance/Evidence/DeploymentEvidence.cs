namespace LlmOps.Governance;

/// <summary>What a deployment record says was deployed, and what governance found at the target.</summary>
/// <param name="Record">The deployment record file.</param>
/// <param name="Target">The deployed folder or file, absolute.</param>
/// <param name="DeployedDigest">The SHA-256 of the deployed archive as found at the target (<c>sha256:&lt;hex&gt;</c>), or null when none is there.</param>
/// <param name="Mismatches">Files of the package that are missing or different at the target.</param>
/// <param name="FilesChecked">How many of the package's files were compared.</param>
/// <param name="NotDeployed">Why nothing was deployed (a CI job whose target would not outlive it), or null when something was.</param>
public sealed record DeploymentEvidence(string Record, string Target, string? DeployedDigest, IReadOnlyList<string> Mismatches, int FilesChecked, string? NotDeployed = null);
