namespace LlmOps.Deployment;

/// <summary>One deployment, as a target receives it.</summary>
/// <param name="Name">The deployment's name: names its containers, state folder and labels.</param>
/// <param name="Package">The package to deploy.</param>
/// <param name="Smoke">The smoke cases the new version must pass before it takes traffic.</param>
/// <param name="KeepVersions">How many versions (the active one included) stay on the target for rollback.</param>
/// <param name="RootDirectory">The repository root; relative target paths and the state folder are under it.</param>
/// <param name="Log">Where progress goes.</param>
/// <param name="Variables">The run's variables (KUBECONFIG, the serving image), or null for the process's.</param>
public sealed record DeploymentRequest(
    string Name,
    DeployablePackage Package,
    IReadOnlyList<SmokeCase> Smoke,
    int KeepVersions,
    string RootDirectory,
    Action<string> Log,
    Func<string, string?>? Variables = null)
{
    /// <summary>The folder under <c>.llmops/deployments</c> where the target keeps this deployment's state.</summary>
    public string StateDirectory => Path.Combine(StateLayout.Of(RootDirectory).Deployments, Name);
}

/// <summary>A rollback, as a target receives it.</summary>
/// <param name="Name">The deployment's name.</param>
/// <param name="ToVersion">The version to restore, or null for the one before the active version.</param>
/// <param name="RootDirectory">The repository root.</param>
/// <param name="Log">Where progress goes.</param>
/// <param name="Variables">The run's variables, or null for the process's.</param>
public sealed record RollbackRequest(string Name, string? ToVersion, string RootDirectory, Action<string> Log, Func<string, string?>? Variables = null)
{
    /// <summary>The folder under <c>.llmops/deployments</c> where the target keeps this deployment's state.</summary>
    public string StateDirectory => Path.Combine(StateLayout.Of(RootDirectory).Deployments, Name);
}
