using LlmOps.Dsl;

namespace LlmOps.Governance;

/// <summary>
/// The DSL entry point of governance:
/// <c>.Governs(Package).Policy(p =&gt; ...).RequiresApproval("production", From&lt;IApprovals&gt;()).Records(GovernanceRecord)</c>
/// before deployment, and <c>.Governs(Package).AfterDeployment(DeploymentRecord).Records(...)</c> after it.
/// Declaring reads nothing; the evidence is read when the stage runs.
/// </summary>
public static class GovernanceStageExtensions
{
    /// <summary>Consumes <paramref name="package"/> and makes judging it against a policy the stage's body.</summary>
    public static GovernanceDefinition Governs(this IStageDefinition stage, Artifact<PackageArtifact> package)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(package);
        var feature = new GovernanceFeature(package);
        stage.With(feature);
        stage.Consumes(package);
        return new GovernanceDefinition(stage, feature);
    }
}
