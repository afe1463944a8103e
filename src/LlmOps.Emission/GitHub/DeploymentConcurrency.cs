using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.GitHub;

/// <summary>
/// Concurrency of deployment jobs. The workflow itself only cancels superseded pull request runs, so a run waiting
/// for an approval holds back nothing else; deployments to one environment queue in their own group, per job, and a
/// deployment in progress is never cancelled.
/// </summary>
internal static class DeploymentConcurrency
{
    /// <summary>The workflow-level group: one per pull request, one per run otherwise (nothing waits on anything).</summary>
    public static YamlMapping Workflow() => new YamlMapping()
        .Add("group", "${{ github.workflow }}-${{ github.event_name == 'pull_request' && github.ref || github.run_id }}")
        .Add("cancel-in-progress", "${{ github.event_name == 'pull_request' }}");

    /// <summary>The job-level group of a job deploying to <paramref name="environment"/>.</summary>
    public static YamlMapping Job(string environment) => new YamlMapping()
        .Add("group", ExpressionText.Literal($"deploy-{environment}"))
        .Add("cancel-in-progress", new YamlScalar("false", IsString: false));
}
