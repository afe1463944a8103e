using LlmOps.Execution;

namespace LlmOps.Cli.Store;

/// <summary>
/// <c>./build.sh Verify --store</c>: re-hashes every object, manifest, tree and deployed version of the store and
/// exits 1 when anything is damaged (the fast path that runs trust would not notice bit rot).
/// <c>./build.sh Verify [&lt;path&gt;]</c> without <c>--store</c> hands the path (or, without one, what is deployed) to
/// the <see cref="IVerifyTarget"/>s that libraries contribute; with none, it verifies the store as before.
/// </summary>
/// <param name="targets">The contributed targets.</param>
public sealed class VerifyCommand(IReadOnlyList<IVerifyTarget> targets) : ICliCommand
{
    /// <summary>A Verify command with no contributed targets: the store only.</summary>
    public VerifyCommand()
        : this([])
    {
    }

    /// <inheritdoc />
    public string Name => "Verify";

    /// <inheritdoc />
    public string Description => targets.Count == 0
        ? "Re-hash every object, tree and deployment in .llmops/store (--store); exit 1 on damage"
        : $"Verify [<path>]: {string.Join(", ", targets.Select(t => t.Describes))} (no path: what is deployed); --store: re-hash .llmops/store";

    /// <inheritdoc />
    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.CommandLine.Has("store") && targets.Count > 0)
        {
            var path = context.CommandLine.Targets.Skip(1).FirstOrDefault();
            return Task.FromResult(targets.Select(t => t.Verify(context, path, cancellationToken)).Max());
        }

        var state = StateLayout.Of(context.RootDirectory);
        using var held = StoreLock.Take(state, "Verify", context, cancellationToken);
        var result = StoreVerifier.Run(state);
        foreach (var problem in result.Problems)
        {
            context.Error.WriteLine($"damaged: {problem}");
        }

        context.Output.WriteLine(
            $"Verified {result.Objects:N0} object(s), {result.Manifests:N0} manifest(s), {result.Trees:N0} tree(s), {result.Deployments:N0} deployment(s) by full hash: " +
            (result.Problems.Count == 0 ? "no damage." : $"{result.Problems.Count} problem(s). Re-run the producing stages with --no-cache to rebuild damaged artifacts."));
        return Task.FromResult(result.Problems.Count == 0 ? 0 : 1);
    }
}
