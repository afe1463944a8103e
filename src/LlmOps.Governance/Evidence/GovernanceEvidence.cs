using System.Text.Json;
using LlmOps.Evaluation;
using LlmOps.Packaging;

namespace LlmOps.Governance;

/// <summary>
/// Everything a policy judges, read once per governed run: the package (its record, manifest and extracted files),
/// its verification against the trusted keys, the model card, the ML-BOM, the provenance statement, the gate's
/// verdict, the data validation reports, the approval and, after deployment, what is deployed. A custom rule reads
/// these typed (<c>.Rule("min-examples", e =&gt; RuleResult.Of(e.Verdict!.Examples &gt;= 200, ...))</c>).
/// </summary>
public sealed class GovernanceEvidence
{
    /// <summary>The package's name.</summary>
    public required string PackageName { get; init; }

    /// <summary>The package's version.</summary>
    public required string PackageVersion { get; init; }

    /// <summary>The archive's digest as the package states it (<c>sha256:&lt;hex&gt;</c>).</summary>
    public required string PackageDigest { get; init; }

    /// <summary>The package's record, or null when it could not be read.</summary>
    public PackageRecord? Record { get; init; }

    /// <summary>The archive's files as its manifest lists them.</summary>
    public IReadOnlyList<PackageFile> Files { get; init; } = [];

    /// <summary>Why the package could not be opened or extracted (a file that does not match its manifest), or null.</summary>
    public string? PackageProblem { get; init; }

    /// <summary>The folder the archive was extracted into, each file checked against the manifest; null when it could not be.</summary>
    public string? ExtractedDirectory { get; init; }

    /// <summary>The packaging library's verification: digest, subject, signature against the trusted keys, manifest, ML-BOM schema.</summary>
    public PackageVerification? Verification { get; init; }

    /// <summary>How many trusted public keys the verification used.</summary>
    public int TrustedKeyCount { get; init; }

    /// <summary>The model card, or null when the package has none.</summary>
    public ModelCard? ModelCard { get; init; }

    /// <summary>The CycloneDX ML-BOM, or null when the package has none.</summary>
    public JsonElement? Bom { get; init; }

    /// <summary>The in-toto statement inside the provenance envelope, or null.</summary>
    public JsonElement? Provenance { get; init; }

    /// <summary>The evaluation gate's verdict, or null when there is none to read.</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>Where the verdict was read (an artifact, or <c>evidence/verdict.json</c> in the package).</summary>
    public string? VerdictSource { get; init; }

    /// <summary>Whether the verdict given as an artifact is byte for byte the one the package carries; null when only one exists.</summary>
    public bool? VerdictMatchesPackage { get; init; }

    /// <summary>Every data validation report found: in the declared artifacts and under <c>evidence/</c> in the package.</summary>
    public IReadOnlyList<ValidationEvidence> Validations { get; init; } = [];

    /// <summary>The approval of this run, or null when the stage requires none.</summary>
    public ApprovalRecord? Approval { get; init; }

    /// <summary>What is deployed, for a check after deployment; null before.</summary>
    public DeploymentEvidence? Deployment { get; init; }

    /// <summary>Problems reading a piece of evidence (a card that is not YAML, a report that is not JSON), each naming the file.</summary>
    public IReadOnlyList<string> ReadProblems { get; init; } = [];
}
