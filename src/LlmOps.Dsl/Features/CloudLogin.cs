namespace LlmOps.Dsl;

/// <summary>
/// The stage logs in to a cloud with OpenID Connect. Only such stages get <c>id-token: write</c> in emitted
/// GitHub workflows; every other job keeps least privilege.
/// </summary>
/// <param name="Provider">The cloud, e.g. <c>azure</c>, <c>aws</c>, <c>gcp</c>.</param>
public sealed record CloudLogin(string Provider) : IPlanAnnotation, ICiJobContributor
{
    /// <inheritdoc />
    public string PlanAnnotation => $"OIDC login to {Provider}";

    /// <inheritdoc />
    public void Contribute(CiJobRequirements job) => job.LogInTo(Provider);
}
