using LlmOps.Execution;

namespace LlmOps.Cli.Store;

/// <summary>Store maintenance holds the repository lock, so no run writes or reads the store meanwhile.</summary>
internal static class StoreLock
{
    public static RepoLock Take(StateLayout state, string command, CliContext context, CancellationToken cancellationToken)
    {
        var wait = context.CommandLine.Get("lock-wait") is { } w && double.TryParse(w, System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0 ? TimeSpan.FromSeconds(s) : TimeSpan.FromMinutes(10);
        return RepoLock.Acquire(state.Root, command.ToLowerInvariant(), wait, context.Output.WriteLine, cancellationToken);
    }
}
