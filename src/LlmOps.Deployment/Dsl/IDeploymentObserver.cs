using LlmOps.Dsl;

namespace LlmOps.Deployment;

/// <summary>
/// Told about every deployment or rollback that left its requested version serving: moves the registry alias, writes
/// the audit trail. A failing observer fails the stage after the target already switched, and says so.
/// </summary>
public interface IDeploymentObserver
{
    /// <summary>Reacts to <paramref name="outcome"/> of deploying <paramref name="package"/> (null for a rollback from the CLI).</summary>
    Task OnServingAsync(StageContext? context, DeploymentOutcome outcome, DeployablePackage? package, CancellationToken cancellationToken);
}
