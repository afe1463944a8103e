using LlmOps.Dsl;

namespace LlmOps.Deployment;

/// <summary>
/// Told about every deployment or rollback that left its requested version serving: moves the registry alias, writes
/// the audit trail. A failing observer fails the stage (or the command) after the target already switched, and says so.
/// </summary>
public interface IDeploymentObserver
{
    /// <summary>Reacts to <paramref name="notice"/>.</summary>
    Task OnServingAsync(DeploymentNotice notice, CancellationToken cancellationToken);
}

/// <summary>A version that started serving.</summary>
/// <param name="Context">The deploying stage, or null for <c>./build.sh Rollback</c>.</param>
/// <param name="RootDirectory">The repository root.</param>
/// <param name="Outcome">What the target did.</param>
/// <param name="Package">The package deployed, or null for a rollback.</param>
/// <param name="Log">Where progress goes.</param>
public sealed record DeploymentNotice(StageContext? Context, string RootDirectory, DeploymentOutcome Outcome, DeployablePackage? Package, Action<string> Log)
{
    /// <summary>The deployment's state folder under <c>.llmops/deployments</c>.</summary>
    public string StateDirectory => Path.Combine(StateLayout.Of(RootDirectory).Deployments, Outcome.Deployment);
}
