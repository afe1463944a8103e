using System.Security.Cryptography;
using System.Text;
using LlmOps.Dsl;
using LlmOps.Runtime;

namespace LlmOps.Governance;

/// <summary>
/// A governed stage, attached by <see cref="GovernanceStageExtensions.Governs"/>: it reads the package and the run's
/// evidence, judges every rule of the policy, appends the decisions to the audit trail, writes and signs the
/// governance record, and fails the stage naming each rule that does not hold.
/// </summary>
public sealed class GovernanceFeature : IStageBody, ICacheKeyContributor, IPlanAnnotation, ICiJobContributor, IDeclarationCheck
{
    internal GovernanceFeature(Artifact<PackageArtifact> package) => Package = package;

    /// <summary>The governed package.</summary>
    public Artifact<PackageArtifact> Package { get; }

    /// <summary>The policy.</summary>
    public GovernancePolicy Policy { get; } = new();

    /// <summary>The approval the stage requires, or null.</summary>
    public ApprovalRequirement? Approval { get; internal set; }

    /// <summary>Public key files or folders of them to trust (absolute), or null for the committed ones.</summary>
    public IReadOnlyList<string>? TrustedKeyFiles { get; internal set; }

    /// <summary>Whether, outside CI, the local development key also counts as trusted (see <see cref="GovernanceDefinition.TrustsDevelopmentKeyOutsideCi"/>).</summary>
    public bool TrustsDevelopmentKeyOutsideCi { get; internal set; }

    /// <summary>Whether the run is a CI job, where only committed keys are trusted.</summary>
    internal bool InCi(IServiceProvider services) => CiEnvironment.IsCi(Variables(services));

    /// <summary>The deployment record checked after deployment, or null before it.</summary>
    public Artifact<ReportArtifact>? DeploymentRecord { get; internal set; }

    /// <summary>Where the record goes, or null.</summary>
    public Artifact<ReportArtifact>? Record { get; internal set; }

    internal string SigningKeyPem { get; set; } = "";

    /// <summary>Variables a test substitutes for the run's, or null to read the run's.</summary>
    internal Func<string, string?>? Environment { get; set; }

    /// <summary>The variables the stage reads: the test's substitute, else the run's.</summary>
    internal Func<string, string?> Variables(IServiceProvider services) => Environment ?? RunVariables.Of(services).Read;

    /// <inheritdoc />
    public string Kind => "Governs";

    /// <summary>Before or after deployment.</summary>
    public string Phase => DeploymentRecord is null ? "before-deployment" : "after-deployment";

    /// <inheritdoc />
    public string PlanAnnotation =>
        $"governs {Package.Name} {Phase}: {string.Join(", ", AllRuleNames)}" + (Approval is { } a ? $" (for {a.Environment})" : "");

    internal IEnumerable<string> AllRuleNames => Policy.Rules.Select(r => r.Name)
        .Concat(Approval is null ? [] : ["approved"])
        .Concat(DeploymentRecord is null ? [] : ["deployed-bytes-verified"]);

    /// <inheritdoc />
    public IEnumerable<string> Check(IStageDeclaration stage)
    {
        if (!AllRuleNames.Any())
        {
            yield return $"it governs {Package.Name} without rules: add .Policy(p => ...), .RequiresApproval(...) or .AfterDeployment(...)";
        }

        if (Record is null)
        {
            yield return $"it governs {Package.Name} but records nothing: add .Records(<report artifact>) so that Deploy can consume the decision";
        }
    }

    /// <inheritdoc />
    public void Contribute(CiJobRequirements job)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Carry(Audit.AuditTrail.CiArtifact);  // policy results and approvals are appended to the trail
        if (Approval is { } approval)
        {
            job.DeployTo(new DeploymentTarget(approval.Environment));
        }
    }

    /// <inheritdoc />
    public ValueTask<CacheKeyParts> CacheKeyPartsAsync(CacheKeyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parts = new List<KeyValuePair<string, string>>
        {
            new("governance:policy", Policy.Describe()),
            new("governance:phase", Phase),
            new("governance:approval", Approval is { } a ? $"{a.Environment}:{a.Reason}" : "-"),
            new("governance:development-key", TrustsDevelopmentKeyOutsideCi && !InCi(context) ? "trusted outside CI" : "not trusted"),
            new("governance:trusted-keys", TrustedKeyFiles is null ? "committed keys under " + Packaging.TrustedKeys.PublicFolder : KeysDigest(TrustedKeys(""))),
        };
        return ValueTask.FromResult(CacheKeyParts.Of(parts));
    }

    /// <inheritdoc />
    public Task RunAsync(StageContext context, IStageDeclaration stage) => GovernanceRun.RunAsync(context, this);

    internal IReadOnlyList<string> TrustedKeys(string root) => TrustedKeyFiles is { } paths
        ? paths.SelectMany<string, string>(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.pem").Order(StringComparer.Ordinal)
            : File.Exists(p) ? [p] : throw new StageFailedException($"trusted key file {p} does not exist")).Select(File.ReadAllText).ToList()
        : Packaging.TrustedKeys.Load(root);

    private static string KeysDigest(IReadOnlyList<string> pems) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", pems.Select(p => p.ReplaceLineEndings("\n").Trim())))));
}
