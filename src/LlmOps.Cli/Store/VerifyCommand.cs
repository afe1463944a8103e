using LlmOps.Execution;

namespace LlmOps.Cli.Store;

/// <summary>
/// <c>./build.sh Verify --store</c>: re-hashes every object, manifest, tree and deployed version of the store and
/// exits 1 when anything is damaged (the fast path that runs trust would not notice bit rot).
/// </summary>
public sealed class VerifyCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "Verify";

    /// <inheritdoc />
    public string Description => "Re-hash every object, tree and deployment in .llmops/store (--store); exit 1 on damage";

    /// <inheritdoc />
    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
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
