namespace LlmOps.Dsl;

/// <summary>
/// The stage deploys to a named environment. Emitted CI jobs run in that environment (GitHub <c>environment:</c>,
/// an Azure deployment job), so the platform's required reviewers act as the approval gate.
/// </summary>
/// <param name="Environment">The environment's name, e.g. <c>production</c>.</param>
/// <param name="Url">Where the deployment can be seen, if anywhere.</param>
/// <param name="Branches">
/// The branches whose runs may deploy (a name, or a prefix ending in <c>*</c> such as <c>release/*</c>); null for
/// <see cref="DefaultBranches"/>. Scheduled and manual runs of other branches skip the deployment.
/// </param>
public sealed record DeploymentTarget(string Environment, string? Url = null, IReadOnlyList<string>? Branches = null) : IPlanAnnotation, ICiJobContributor
{
    /// <summary>The branches that deploy when none are given: the repository's main branch.</summary>
    public static IReadOnlyList<string> DefaultBranches { get; } = ["main"];

    /// <summary>The branches whose runs may deploy: <see cref="Branches"/>, or <see cref="DefaultBranches"/>.</summary>
    public IReadOnlyList<string> DeployBranches => Branches ?? DefaultBranches;

    /// <inheritdoc />
    public string PlanAnnotation => $"deploys to {Environment}";

    /// <inheritdoc />
    public void Contribute(CiJobRequirements job) => job.DeployTo(this);

    /// <inheritdoc />
    public bool Equals(DeploymentTarget? other) =>
        other is not null && Environment == other.Environment && Url == other.Url && DeployBranches.SequenceEqual(other.DeployBranches);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Environment, Url);

    /// <inheritdoc />
    public override string ToString() => $"{Environment} {Url} [{string.Join(", ", DeployBranches)}]";
}
