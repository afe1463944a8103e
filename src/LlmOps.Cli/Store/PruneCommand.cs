using LlmOps.Execution;

namespace LlmOps.Cli.Store;

/// <summary>
/// <c>./build.sh Prune [--keep-runs N] [--keep-deployments N] [--dry-run]</c>: removes run folders beyond the newest N
/// (pinned runs stay), deployed versions beyond the current one and the newest N others of each target (see
/// <see cref="DeploymentVersions"/>), and every stored artifact, object, tree and cache entry nothing keeps (see
/// <see cref="Reachability"/>).
/// </summary>
public sealed class PruneCommand : ICliCommand
{
    /// <summary>Runs kept when <c>--keep-runs</c> is not given.</summary>
    public const int DefaultKeepRuns = 20;

    /// <inheritdoc />
    public string Name => "Prune";

    /// <inheritdoc />
    public string Description => $"Remove old runs (--keep-runs N, default {DefaultKeepRuns}; pinned runs stay), old deployed versions (--keep-deployments N per target besides the current one, default {StorePruner.DefaultKeepDeployments}) and stored artifacts nothing refers to; --dry-run lists them";

    /// <inheritdoc />
    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var keep = Count(context, "keep-runs", "runs", DefaultKeepRuns);
        var keepDeployments = Count(context, "keep-deployments", "deployed versions", StorePruner.DefaultKeepDeployments);
        var dryRun = context.CommandLine.Has("dry-run");
        var state = StateLayout.Of(context.RootDirectory);
        using var held = StoreLock.Take(state, "Prune", context, cancellationToken);
        var result = StorePruner.Run(state, keep, dryRun, keepDeployments);
        var verb = dryRun ? "would remove" : "removed";
        foreach (var target in result.UnknownCurrent)
        {
            context.Output.WriteLine($"  kept every version of {target}: no '{DeploymentVersions.CurrentPointer}' pointer there names one of them, so the live one cannot be told");
        }

        foreach (var version in result.Deployments)
        {
            context.Output.WriteLine($"  {verb} deployed version {version}");
        }

        foreach (var run in result.Runs)
        {
            context.Output.WriteLine($"  {verb} run {run}");
        }

        foreach (var artifact in result.Artifacts)
        {
            context.Output.WriteLine($"  {verb} artifact {artifact}");
        }

        context.Output.WriteLine(
            $"Prune {verb} {result.Runs.Count} run(s), {result.Deployments.Count} deployed version(s), {result.Artifacts.Count} artifact(s), {result.Objects} object(s) and {result.CacheEntries} cache entr(ies): " +
            $"{result.Bytes:N0} bytes. Kept {result.KeptRuns} run(s) and {result.KeptArtifacts} artifact(s).");
        return Task.FromResult(0);
    }

    private static int Count(CliContext context, string option, string what, int fallback) =>
        context.CommandLine.Get(option) is { } given
            ? int.TryParse(given, out var n) && n >= 0 ? n : throw new UsageException($"--{option}: '{given}' is not a whole number of {what} (0 or more)")
            : fallback;
}
