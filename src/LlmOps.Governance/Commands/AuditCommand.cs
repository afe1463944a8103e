using LlmOps.Cli;
using LlmOps.Governance.Audit;

namespace LlmOps.Governance;

/// <summary>
/// <c>./build.sh Audit [&lt;file&gt;] [--verify]</c>: prints the audit trail (the repository's, or a file such as one a
/// CI job downloaded); with <c>--verify</c> checks the chain and names every edited, deleted, reordered, inserted or
/// torn entry, exiting 1 when there is one.
/// </summary>
public sealed class AuditCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "Audit";

    /// <inheritdoc />
    public string Description => "Print the audit trail of decisions (.llmops/audit/audit.jsonl or a given file); --verify checks its hash chain, exit 1 on tampering";

    /// <inheritdoc />
    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trail = context.CommandLine.Targets.Count > 1
            ? AuditTrail.OpenFile(Path.GetFullPath(context.CommandLine.Targets[1]), context.RootDirectory, context.Environment)
            : AuditTrail.Open(context.RootDirectory, context.Environment);
        if (context.CommandLine.Targets.Count > 1 && !File.Exists(trail.FilePath))
        {
            context.Error.WriteLine($"error: {trail.FilePath} does not exist");
            return Task.FromResult(2);
        }

        var verification = trail.Verify();
        if (!context.CommandLine.Has("verify"))
        {
            foreach (var entry in verification.Entries)
            {
                context.Output.WriteLine(entry);
                foreach (var (key, value) in entry.Details)
                {
                    context.Output.WriteLine($"    {key}: {value}");
                }
            }

            context.Output.WriteLine($"{verification.Entries.Count} entr{(verification.Entries.Count == 1 ? "y" : "ies")} in {trail.FilePath}" +
                (verification.Intact ? "" : $"; the chain is broken ({verification.Problems.Count} problem(s)): run Audit --verify"));
            return Task.FromResult(0);
        }

        foreach (var problem in verification.Problems)
        {
            context.Error.WriteLine($"tampered: {problem.What}");
        }

        context.Output.WriteLine(verification.Intact
            ? $"Verified {verification.Entries.Count} entr{(verification.Entries.Count == 1 ? "y" : "ies")} of {trail.FilePath}: the chain is intact" +
              (verification.Head is { } head ? $", head seq {head.Seq} {head.Hash}." : ".")
            : $"{trail.FilePath}: {verification.Problems.Count} problem(s) in {verification.Entries.Count} readable entries.");
        return Task.FromResult(verification.Intact ? 0 : 1);
    }
}
