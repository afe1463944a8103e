using LlmOps.Dsl;
using LlmOps.Tracking;
using LlmOps.Tracking.Containers;
using LlmOps.Tracking.Mlflow;

namespace LlmOps.Cli.Tracking;

/// <summary>
/// What a tracked run is tagged with (git commit and branch, CI run URL) and what processes a stage starts are told
/// so that an MLflow-using trainer logs into the stage's own run.
/// </summary>
/// <param name="RootDirectory">The repository root (for git).</param>
/// <param name="Connection">The MLflow server, or null when tracking locally.</param>
/// <param name="Environment">Reads environment variables.</param>
public sealed record TrackingContext(string RootDirectory, MlflowConnectionOptions? Connection, Func<string, string?> Environment)
{
    // git answers in milliseconds; a hung one (a credential prompt, a network file system) must not hold up the run.
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Tags of a pipeline run.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TagsAsync(IReadOnlyList<string> pipelines, CancellationToken cancellationToken = default)
    {
        var tags = new Dictionary<string, string>
        {
            [SystemTags.Pipeline] = string.Join(",", pipelines),
            [SystemTags.SourceName] = "./build.sh",
            [SystemTags.SourceType] = Environment("CI") is { Length: > 0 } ? "JOB" : "LOCAL",
        };
        if (await CommitAsync(cancellationToken) is { } commit)
        {
            tags[SystemTags.GitCommit] = commit;
        }

        if (await BranchAsync(cancellationToken) is { } branch)
        {
            tags[SystemTags.GitBranch] = branch;
        }

        if (CiRunUrl() is { } url)
        {
            tags[SystemTags.CiRunUrl] = url;
        }

        return tags;
    }

    /// <summary>
    /// Variables for a process (a container) that a stage starts: the stage run's ids and, with a server, where to log.
    /// Inside a container localhost is the container itself, so a local server is reached as host.docker.internal.
    /// </summary>
    public IReadOnlyList<ProcessVariable> ProcessEnvironment(RunHandle stageRun) =>
        ContainerTrackingEnvironment.For(stageRun, Connection, hostAlias: "host.docker.internal")
            .Select(v => new ProcessVariable(v.Name, v.Value, v.IsSecret))
            .ToList();

    private async Task<string?> CommitAsync(CancellationToken cancellationToken) =>
        Environment("GITHUB_SHA") ?? Environment("BUILD_SOURCEVERSION") ?? await GitAsync(["rev-parse", "HEAD"], cancellationToken);

    private async Task<string?> BranchAsync(CancellationToken cancellationToken) =>
        Environment("GITHUB_HEAD_REF") is { Length: > 0 } head ? head
        : Environment("GITHUB_REF_NAME") ?? Environment("BUILD_SOURCEBRANCHNAME") ?? await GitAsync(["rev-parse", "--abbrev-ref", "HEAD"], cancellationToken);

    private string? CiRunUrl()
    {
        if (Environment("GITHUB_RUN_ID") is { Length: > 0 } runId && Environment("GITHUB_REPOSITORY") is { Length: > 0 } repository)
        {
            return $"{Environment("GITHUB_SERVER_URL") ?? "https://github.com"}/{repository}/actions/runs/{runId}";
        }

        if (Environment("SYSTEM_COLLECTIONURI") is { Length: > 0 } collection && Environment("SYSTEM_TEAMPROJECT") is { Length: > 0 } project
            && Environment("BUILD_BUILDID") is { Length: > 0 } buildId)
        {
            return $"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={buildId}";
        }

        return null;
    }

    // git is optional: a tarball checkout or a machine without git just has no commit tag.
    private async Task<string?> GitAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var output = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(GitTimeout);
        try
        {
            var result = await new ProcessRunner(output.Add, errorOutput: _ => { })
                .RunAsync("git", arguments, new ProcessOptions { WorkingDirectory = RootDirectory }, timeout.Token);
            var text = string.Join('\n', output).Trim();
            return result.Succeeded && text.Length > 0 ? text : null;
        }
        catch (ProcessFailedException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
