using LlmOps.Execution;

namespace LlmOps.Cli.Store;

/// <summary>
/// <c>./build.sh Pin &lt;run-id&gt;...</c> keeps runs and their outputs from <c>Prune</c>; <c>Unpin</c> lets them go
/// again. A pin is a file in the run's folder, so it travels with the folder.
/// </summary>
/// <param name="pin">True for <c>Pin</c>, false for <c>Unpin</c>.</param>
public sealed class PinCommand(bool pin) : ICliCommand
{
    /// <inheritdoc />
    public string Name => pin ? "Pin" : "Unpin";

    /// <inheritdoc />
    public string Description => pin ? "Keep the named runs and their outputs when pruning: Pin <run-id>..." : "Let Prune remove the named runs again: Unpin <run-id>...";

    /// <inheritdoc />
    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var ids = context.CommandLine.Targets.Skip(1).ToList();
        if (ids.Count == 0)
        {
            throw new UsageException($"{Name} needs run ids: ./build.sh {Name} <run-id>... (./build.sh Runs lists them)");
        }

        var runs = new RunStore(StateLayout.Of(context.RootDirectory).Runs);
        foreach (var id in ids)
        {
            if (id.Contains('/') || id.Contains('\\') || id.StartsWith('.') || !Directory.Exists(runs.RunDirectory(id)))
            {
                throw new UsageException($"{Name}: there is no run '{id}' in {StateLayout.Relative.Runs} (./build.sh Runs lists them)");
            }

            var marker = Path.Combine(runs.RunDirectory(id), Reachability.PinFile);
            if (pin)
            {
                AtomicFile.WriteAllText(marker, $"pinned {DateTimeOffset.UtcNow:O}\n");
            }
            else
            {
                File.Delete(marker);
            }

            context.Output.WriteLine($"{(pin ? "Pinned" : "Unpinned")} run {id}.");
        }

        return Task.FromResult(0);
    }
}
