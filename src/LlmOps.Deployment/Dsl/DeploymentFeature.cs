using System.Globalization;
using LlmOps.Dsl;

namespace LlmOps.Deployment;

/// <summary>
/// A deployment stage, attached by <see cref="DeploymentStageExtensions.Deploys"/>: it hands the package to the
/// target, which checks the new version and switches to it or leaves the old one serving, writes the outcome as the
/// stage's record, and fails the stage with the target's reason when the new version does not serve.
/// </summary>
public sealed class DeploymentFeature : IStageBody, ICacheKeyContributor, IPlanAnnotation, ICiJobContributor, IDeclarationCheck
{
    /// <summary>The file the record artifact holds.</summary>
    public const string RecordFile = "deployment.json";

    internal DeploymentFeature(Artifact<PackageArtifact> package) => Package = package;

    /// <summary>The package deployed.</summary>
    public Artifact<PackageArtifact> Package { get; }

    /// <summary>Where it is deployed, or null until <c>.To(...)</c>.</summary>
    public DeployTarget? Target { get; internal set; }

    /// <summary>The deployment's name (containers, state folder, labels): the package artifact's name unless set.</summary>
    public string Name { get; internal set; } = "";

    /// <summary>The smoke evaluation.</summary>
    public SmokeChecks Smoke { get; } = new();

    /// <summary>How many versions, the active one included, stay on the target for rollback.</summary>
    public int KeepVersions { get; internal set; } = 3;

    /// <summary>Where the outcome is written, or null.</summary>
    public Artifact<ReportArtifact>? Record { get; internal set; }

    /// <summary>The CI environment whose approvals gate a durable deployment.</summary>
    public string Environment { get; internal set; } = "production";

    /// <summary>Runs after a deployment or rollback that left the requested version serving (promotion, audit).</summary>
    internal List<IDeploymentObserver> Observers { get; } = [new DeploymentAudit()];

    /// <inheritdoc />
    public string Kind => "Deploys";

    /// <inheritdoc />
    public string PlanAnnotation => string.Create(
        CultureInfo.InvariantCulture,
        $"deploy {Package.Name} to {Target?.Describe() ?? "(no target)"}, {Smoke.Cases.Count} smoke case(s), keep {KeepVersions}");

    /// <inheritdoc />
    public IEnumerable<string> Check(IStageDeclaration stage)
    {
        if (Target is null)
        {
            yield return $"it deploys {Package.Name} but says nowhere: add .To(DeployTarget.Docker()) or .To(DeployTarget.LocalDirectory(\"...\"))";
        }

        if (KeepVersions < 1)
        {
            yield return $".KeepVersions({KeepVersions}): at least the active version is kept, so it must be 1 or more";
        }
    }

    /// <inheritdoc />
    public ValueTask<CacheKeyParts> CacheKeyPartsAsync(CacheKeyContext context) => ValueTask.FromResult(CacheKeyParts.Of(
        new KeyValuePair<string, string>("deployment:target", Target?.Describe() ?? "-"),
        new KeyValuePair<string, string>("deployment:smoke", Smoke.Describe()),
        new KeyValuePair<string, string>("deployment:keep", KeepVersions.ToString(CultureInfo.InvariantCulture))));

    /// <inheritdoc />
    public void Contribute(CiJobRequirements job)
    {
        ArgumentNullException.ThrowIfNull(job);

        // The approvals gate the job whatever the target: whether it is durable is known only on the runner (DOCKER_HOST
        // comes from the environment's variables), where a job without one says so instead of deploying.
        job.DeployTo(new DeploymentTarget(Environment));
        job.Carry(Governance.Audit.AuditTrail.CiArtifact);  // deployments and rollbacks are appended to the audit trail
    }

    /// <inheritdoc />
    public Task RunAsync(StageContext context, IStageDeclaration stage) => DeploymentRun.RunAsync(context, this);
}
