namespace LlmOps.Dsl;

/// <summary>
/// The stage deploys to a named environment. Emitted CI jobs run in that environment (GitHub <c>environment:</c>,
/// an Azure deployment job), so the platform's required reviewers act as the approval gate.
/// </summary>
/// <param name="Environment">The environment's name, e.g. <c>production</c>.</param>
/// <param name="Url">Where the deployment can be seen, if anywhere.</param>
public sealed record DeploymentTarget(string Environment, string? Url = null) : IPlanAnnotation, ICiJobContributor
{
    /// <inheritdoc />
    public string PlanAnnotation => $"deploys to {Environment}";

    /// <inheritdoc />
    public void Contribute(CiJobRequirements job) => job.DeployTo(this);
}
