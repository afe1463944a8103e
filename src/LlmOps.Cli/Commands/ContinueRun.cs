using LlmOps.Execution;
using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// <c>--continue</c>: replays the last failed or interrupted run's command line (new arguments win). Stages that
/// succeeded are cache hits when their inputs are unchanged, so only the rest run again.
/// </summary>
public static class ContinueRun
{
    /// <summary>The merged command line.</summary>
    public static CommandLine Merge(string root, CommandLine current, TextWriter output)
    {
        var runs = new RunStore(StateLayout.Of(root).Runs);
        var last = runs.Latest(damaged => output.WriteLine($"warning: {damaged}")) ?? throw new UsageException($"--continue: there is no earlier run in {StateLayout.Relative.Runs} to continue.");
        if (last.Status == RunStatus.Succeeded)
        {
            throw new UsageException($"--continue: the last run ({last.RunId}) succeeded; there is nothing to continue.");
        }

        // New arguments win: new targets replace the old ones, new values come later and override.
        // New targets go first: after an old "--skip" or flag they would be read as skipped stages or as a value.
        var merged = (current.Targets.Count > 0
                ? current.Targets.Concat(CommandLine.Parse(last.Arguments).RawWithoutTargets).Concat(current.RawWithoutTargets)
                : last.Arguments.Concat(current.Raw))
            .Where(a => !a.Equals("--continue", StringComparison.OrdinalIgnoreCase))
            .ToList();
        output.WriteLine($"Continuing run {last.RunId} ({KebabCaseName.Of(last.Status)}): ./build.sh {string.Join(' ', merged)}");
        return CommandLine.Parse(merged);
    }

    /// <summary>The arguments with secret parameters (name and value) removed, for the run record.</summary>
    public static IReadOnlyList<string> WithoutSecrets(IReadOnlyList<string> args, IReadOnlySet<string> normalizedSecretNames)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg[2..].Split('=')[0];
                if (normalizedSecretNames.Contains(ParameterNames.Normalize(name)))
                {
                    if (!arg.Contains('=') && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        i++;
                    }

                    continue;
                }
            }

            kept.Add(arg);
        }

        return kept;
    }
}
