using LlmOps.Execution;
using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// <c>--continue</c>: replays the last failed or interrupted run's command line (new arguments win). Stages that
/// succeeded are cache hits when their inputs are unchanged, so only the rest run again. The old <c>--no-cache</c>
/// is not replayed (it would re-run all the work that succeeded), and secrets, which run records never keep, must be
/// found again: <see cref="CheckSecrets"/> stops the resume when one given on the old command line is missing now.
/// </summary>
public static class ContinueRun
{
    /// <summary>The merged command line and the run it continues.</summary>
    public static (CommandLine Line, RunRecord Continued) Merge(string root, CommandLine current, SecretArguments secrets, TextWriter output)
    {
        var runs = new RunStore(StateLayout.Of(root).Runs);
        var last = runs.Latest(damaged => output.WriteLine($"warning: {damaged}")) ?? throw new UsageException($"--continue: there is no earlier run in {StateLayout.Relative.Runs} to continue.");
        if (last.Status == RunStatus.Succeeded)
        {
            throw new UsageException($"--continue: the last run ({last.RunId}) succeeded; there is nothing to continue.");
        }

        // New arguments win: new targets replace the old ones, new values come later and override.
        // New targets go first: after an old "--skip" or flag they would be read as skipped stages or as a value.
        var replayed = last.Arguments.Where(a => !IsOption(a, "no-cache")).ToList();
        var merged = (current.Targets.Count > 0
                ? current.Targets.Concat(CommandLine.Parse(replayed, secrets).RawWithoutTargets).Concat(current.RawWithoutTargets)
                : replayed.Concat(current.Raw))
            .Where(a => !IsOption(a, "continue"))
            .ToList();
        output.WriteLine($"Continuing run {last.RunId} ({KebabCaseName.Of(last.Status)}): ./build.sh {string.Join(' ', merged)}");
        return (CommandLine.Parse(merged, secrets), last);
    }

    /// <summary>
    /// Stops the resume, naming the parameter, when a secret the continued run got from the command line has no
    /// value now: the run record keeps no secrets, and resuming without it would silently run (or sign) with none.
    /// </summary>
    public static void CheckSecrets(RunRecord continued, IReadOnlyList<PipelineModel> models)
    {
        foreach (var model in models)
        {
            foreach (var parameter in model.Parameters.Where(p => p.IsSecret && p.Source == "default"))
            {
                var given = continued.Parameters.GetValueOrDefault($"{model.Name}.{parameter.Name}");
                if (given is not null && given.EndsWith("(command line)", StringComparison.Ordinal))
                {
                    var variable = ParameterNames.ToEnvironment(parameter.Name);
                    throw new UsageException(
                        $"--continue: run {continued.RunId} was given the secret --{parameter.Name} on the command line, and run records never keep secrets; " +
                        $"pass --{parameter.Name} again or set {variable} (or LLMOPS_{variable}) in the environment.");
                }
            }
        }
    }

    private static bool IsOption(string argument, string name) =>
        argument.StartsWith("--", StringComparison.Ordinal) && argument[2..].Split('=')[0].Equals(name, StringComparison.OrdinalIgnoreCase);

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
                    // The argument after a secret is its value even when it starts with "--" (see CommandLine.Parse).
                    if (!arg.Contains('=') && i + 1 < args.Count)
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
