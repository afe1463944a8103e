using System.Diagnostics;
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
    /// <summary>Tags of a pipeline run.</summary>
    public IReadOnlyDictionary<string, string> Tags(IReadOnlyList<string> pipelines)
    {
        var tags = new Dictionary<string, string>
        {
            [SystemTags.Pipeline] = string.Join(",", pipelines),
            [SystemTags.SourceName] = "./build.sh",
            [SystemTags.SourceType] = Environment("CI") is { Length: > 0 } ? "JOB" : "LOCAL",
        };
        if (Commit() is { } commit)
        {
            tags[SystemTags.GitCommit] = commit;
        }

        if (Branch() is { } branch)
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

    private string? Commit() => Environment("GITHUB_SHA") ?? Environment("BUILD_SOURCEVERSION") ?? Git("rev-parse", "HEAD");

    private string? Branch() =>
        Environment("GITHUB_HEAD_REF") is { Length: > 0 } head ? head
        : Environment("GITHUB_REF_NAME") ?? Environment("BUILD_SOURCEBRANCHNAME") ?? Git("rev-parse", "--abbrev-ref", "HEAD");

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
    private string? Git(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = RootDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            return process.WaitForExit(5000) && process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
