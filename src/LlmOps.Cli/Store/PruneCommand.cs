using LlmOps.Execution;

namespace LlmOps.Cli.Store;

/// <summary>
/// <c>./build.sh Prune [--keep-runs N] [--dry-run]</c>: removes run folders beyond the newest N (pinned runs stay)
/// and every stored artifact, object, tree and cache entry nothing keeps (see <see cref="Reachability"/>).
/// </summary>
public sealed class PruneCommand : ICliCommand
{
    /// <summary>Runs kept when <c>--keep-runs</c> is not given.</summary>
    public const int DefaultKeepRuns = 20;

    /// <inheritdoc />
    public string Name => "Prune";

    /// <inheritdoc />
    public string Description => $"Remove old runs (--keep-runs N, default {DefaultKeepRuns}; pinned runs stay) and stored artifacts nothing refers to; --dry-run lists them";

    /// <inheritdoc />
    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var keep = context.CommandLine.Get("keep-runs") is { } k
            ? int.TryParse(k, out var n) && n >= 0 ? n : throw new UsageException($"--keep-runs: '{k}' is not a whole number of runs (0 or more)")
            : DefaultKeepRuns;
        var dryRun = context.CommandLine.Has("dry-run");
        var state = StateLayout.Of(context.RootDirectory);
        using var held = StoreLock.Take(state, "Prune", context, cancellationToken);
        var result = StorePruner.Run(state, keep, dryRun);
        var verb = dryRun ? "would remove" : "removed";
        foreach (var run in result.Runs)
        {
            context.Output.WriteLine($"  {verb} run {run}");
        }

        foreach (var artifact in result.Artifacts)
        {
            context.Output.WriteLine($"  {verb} artifact {artifact}");
        }

        context.Output.WriteLine(
            $"Prune {verb} {result.Runs.Count} run(s), {result.Artifacts.Count} artifact(s), {result.Objects} object(s) and {result.CacheEntries} cache entr(ies): " +
            $"{result.Bytes:N0} bytes. Kept {result.KeptRuns} run(s) and {result.KeptArtifacts} artifact(s).");
        return Task.FromResult(0);
    }
}
