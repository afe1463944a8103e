namespace LlmOps.Packaging;

/// <summary>
/// Who built the package and in which run, for the provenance's <c>runDetails</c>: the GitHub Actions or Azure
/// Pipelines run when the CI's variables say so, else the local machine.
/// </summary>
/// <param name="BuilderId">The builder's id (a URI): the workflow that ran, or <c>urn:llmops:builder:local</c>.</param>
/// <param name="InvocationId">This run: the CI run's URL, or <c>urn:llmops:run:&lt;run id&gt;</c>.</param>
/// <param name="Commit">The source commit, when known.</param>
/// <param name="Repository">The source repository's URL, when known.</param>
/// <param name="IsCi">Whether a CI system built it.</param>
public sealed record BuildRun(string BuilderId, string InvocationId, string? Commit, string? Repository, bool IsCi)
{
    /// <summary>The local builder's id.</summary>
    public const string LocalBuilder = "urn:llmops:builder:local";

    /// <summary>Reads the run from CI variables through <paramref name="environment"/>; <paramref name="runId"/> names a local run.</summary>
    public static BuildRun Detect(Func<string, string?> environment, string runId, string? localCommit)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("GITHUB_ACTIONS") == "true" && environment("GITHUB_RUN_ID") is { Length: > 0 } run)
        {
            var server = environment("GITHUB_SERVER_URL") ?? "https://github.com";
            var repository = $"{server}/{environment("GITHUB_REPOSITORY")}";
            var workflow = environment("GITHUB_WORKFLOW_REF") is { Length: > 0 } reference ? $"{server}/{reference}" : repository + "/.github/workflows";
            return new BuildRun(workflow, $"{repository}/actions/runs/{run}/attempts/{environment("GITHUB_RUN_ATTEMPT") ?? "1"}", environment("GITHUB_SHA"), repository, true);
        }

        if (environment("TF_BUILD") is { Length: > 0 } && environment("BUILD_BUILDID") is { Length: > 0 } build)
        {
            var collection = (environment("SYSTEM_COLLECTIONURI") ?? "").TrimEnd('/');
            var project = Uri.EscapeDataString(environment("SYSTEM_TEAMPROJECT") ?? "");
            return new BuildRun(
                $"{collection}/{project}/_build?definitionId={environment("SYSTEM_DEFINITIONID")}",
                $"{collection}/{project}/_build/results?buildId={build}",
                environment("BUILD_SOURCEVERSION"),
                environment("BUILD_REPOSITORY_URI"),
                true);
        }

        return new BuildRun(LocalBuilder, "urn:llmops:run:" + runId, localCommit, null, false);
    }
}
