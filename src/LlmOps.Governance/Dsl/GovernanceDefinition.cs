using System.Runtime.CompilerServices;
using LlmOps.Dsl;

namespace LlmOps.Governance;

/// <summary>A governed stage's own settings, offered right after <c>.Governs(...)</c>.</summary>
public sealed class GovernanceDefinition : StageKindDefinition
{
    private readonly GovernanceFeature _feature;

    internal GovernanceDefinition(IStageDefinition stage, GovernanceFeature feature)
        : base(stage) => _feature = feature;

    /// <summary>Declares the policy's rules; repeated calls add to them. The artifacts the rules read are consumed.</summary>
    public GovernanceDefinition Policy(Action<GovernancePolicy> configure, [CallerFilePath] string declaredIn = "", [CallerLineNumber] int declaredAt = 0)
    {
        ArgumentNullException.ThrowIfNull(configure);
        if (declaredIn.Length > 0)
        {
            (_feature.Policy.DeclaredIn, _feature.Policy.DeclaredAt) = (declaredIn, declaredAt);
        }

        configure(_feature.Policy);
        foreach (var artifact in _feature.Policy.ValidationReports.Cast<ArtifactRef>().Append(_feature.Policy.VerdictReport).OfType<ArtifactRef>())
        {
            if (!Stage.Declaration.ConsumedArtifacts.Contains(artifact))
            {
                Stage.Consumes(artifact);
            }
        }

        return this;
    }

    /// <summary>
    /// Deploying to <paramref name="environment"/> requires approval: in CI the stage's job runs in that environment
    /// (its required reviewers gate it) and the actor is recorded; locally <c>--approve "&lt;reason&gt;"</c> records the
    /// local user, and the stage fails without it. The approval is a rule of the policy, in the signed record and the
    /// audit trail.
    /// </summary>
    public GovernanceDefinition RequiresApproval(string environment, IApprovals approvals)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        ArgumentNullException.ThrowIfNull(approvals);
        _feature.Approval = new ApprovalRequirement(environment, approvals.Approve.Trim());
        return this;
    }

    /// <summary>
    /// Outside CI, also trusts the development key a fresh clone signs packages with
    /// (<c>.llmops/keys/development.pem</c>, made on first use when no key is configured), so <c>./build.sh Deploy</c>
    /// works on a laptop before anyone runs <c>GenerateSigningKey</c>. In CI (GitHub Actions, Azure Pipelines) only the
    /// committed keys count; the rule's evidence and the log say when the development key was the one trusted, and
    /// <c>./build.sh Verify</c> never trusts it.
    /// </summary>
    public GovernanceDefinition TrustsDevelopmentKeyOutsideCi()
    {
        _feature.TrustsDevelopmentKeyOutsideCi = true;
        return this;
    }

    /// <summary>
    /// The public keys a package's signature must verify with: PEM files or folders of <c>*.pem</c>, absolute
    /// (<c>Path.Combine(RootDirectory, ".nuke/signing-keys")</c>), and part of the cache key, so revoking a key makes
    /// the decision again. By default the committed keys under <c>.nuke/signing-keys/</c>, read when the stage runs.
    /// </summary>
    public GovernanceDefinition TrustedKeys(params string[] publicKeyPaths)
    {
        ArgumentNullException.ThrowIfNull(publicKeyPaths);
        if (publicKeyPaths.FirstOrDefault(p => !Path.IsPathFullyQualified(p)) is { } relative)
        {
            throw new ArgumentException($"trusted key path '{relative}' must be absolute: Path.Combine(RootDirectory, \"{relative}\")", nameof(publicKeyPaths));
        }

        _feature.TrustedKeyFiles = publicKeyPaths;
        return this;
    }

    /// <summary>
    /// Signs the governance record (DSSE, ECDSA P-256, as packages are) with <paramref name="privateKeyPem"/>, typically
    /// a <c>[Secret]</c> parameter; when empty, the local development key packaging generated is used if there is one,
    /// else the record is unsigned and the log says so.
    /// </summary>
    public GovernanceDefinition SignsWith(string privateKeyPem)
    {
        _feature.SigningKeyPem = privateKeyPem ?? "";
        return this;
    }

    /// <summary>
    /// Checks after deployment that the deployed bytes are the verified package (rule <c>deployed-bytes-verified</c>),
    /// reading <paramref name="deploymentRecord"/>'s <c>deployment.json</c>. Never cached: the deployed bytes live
    /// outside the store.
    /// </summary>
    public GovernanceDefinition AfterDeployment(Artifact<ReportArtifact> deploymentRecord)
    {
        _feature.DeploymentRecord = deploymentRecord ?? throw new ArgumentNullException(nameof(deploymentRecord));
        Stage.Consumes(deploymentRecord);
        Stage.NotCached("it checks the deployed bytes, which live outside the store");
        return this;
    }

    /// <summary>Writes the record (JSON, signed envelope, Markdown, HTML) into <paramref name="record"/>, which the stage produces and Deploy consumes.</summary>
    public GovernanceDefinition Records(Artifact<ReportArtifact> record)
    {
        _feature.Record = record ?? throw new ArgumentNullException(nameof(record));
        Stage.Produces(record);
        return this;
    }

    /// <summary>Tests read the CI variables from here instead of the process.</summary>
    internal GovernanceDefinition ReadsEnvironment(Func<string, string?> environment)
    {
        _feature.Environment = environment;
        return this;
    }
}
