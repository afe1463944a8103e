namespace LlmOps.Dsl;

/// <summary>Declarations that CI emitters act on.</summary>
public static class StageFeatureExtensions
{
    /// <summary>
    /// The stage deploys to <paramref name="environment"/>; CI runs it there, behind the environment's approvals, and
    /// only in runs of <paramref name="branches"/> (default: <c>main</c>), never for a pull request.
    /// </summary>
    public static IStageDefinition DeploysTo(this IStageDefinition stage, string environment, string? url = null, IReadOnlyList<string>? branches = null) =>
        stage.With(new DeploymentTarget(environment, url, branches));

    /// <summary>The stage logs in to <paramref name="provider"/> with OIDC; only it gets an identity token in CI.</summary>
    public static IStageDefinition UsesOidcLogin(this IStageDefinition stage, string provider) => stage.With(new CloudLogin(provider));

    /// <summary>The stage needs <paramref name="count"/> GPUs (-1: all).</summary>
    public static IStageDefinition RequiresGpus(this IStageDefinition stage, int count) => stage.With(new GpuRequirement(count, []));
}
