using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// Mistakes the command line can see in the definitions and in what the user typed: parameter names that collide
/// with built-in options, and names (typed or in a parameters file) that no pipeline has.
/// </summary>
internal static class DefinitionChecks
{
    /// <summary>
    /// The command line hands built-in options to the CLI, so a parameter with such a name could be set from the
    /// environment or a file but never from the command line; that silent gap is a mistake of the pipeline.
    /// </summary>
    public static IEnumerable<string> ReservedNames(PipelineModel model)
    {
        var reserved = CommandLine.KnownOptions.Select(ParameterNames.Normalize).ToHashSet();
        return model.Parameters.Where(p => reserved.Contains(ParameterNames.Normalize(p.Name))).Select(p =>
            $"{model.Type.Name}.{p.MemberName}: the parameter name '--{p.Name}' is a built-in option, so the command line cannot set it; rename the member or set [Parameter(Name = \"...\")]");
    }

    /// <summary>Every <c>--name</c> must be a parameter of some pipeline, plainly (<c>--epochs</c>) or qualified (<c>--support.epochs</c>).</summary>
    public static void UnknownParameters(CommandLine line, PipelineSet set)
    {
        var names = CommandLineNames(set);
        var known = names.Select(ParameterNames.Normalize).ToHashSet();
        var problems = new List<string>();
        foreach (var name in line.Parameters.Keys.Where(n => !known.Contains(ParameterNames.Normalize(n))))
        {
            var closest = Suggestions.Closest(name, names.Concat(CommandLine.KnownOptions));
            problems.Add($"Unknown parameter '--{name}'." + (closest is null ? " Run ./build.sh --help to list parameters." : $" Did you mean '--{closest}'?"));
        }

        if (problems.Count > 0)
        {
            throw new UsageException(string.Join(Environment.NewLine + "  ", problems));
        }
    }

    /// <summary>
    /// A misspelt key in a parameters file would otherwise be ignored without a word and the default used instead.
    /// Target and Skip are keys the schema offers for NUKE compatibility, so they are not parameters but not typos either.
    /// </summary>
    public static void UnknownFileKeys(IReadOnlyList<ParameterFile> files, PipelineSet set)
    {
        var members = set.Pipelines.SelectMany(m => m.Parameters.Select(p => p.MemberName))
            .Concat(set.Pipelines.SelectMany(m => m.Parameters.Select(p => $"{m.Name}.{p.MemberName}")))
            .Distinct()
            .ToList();
        var known = members.Concat(CommandLineNames(set)).Select(ParameterNames.Normalize).ToHashSet();
        var problems = new List<string>();
        foreach (var file in files)
        {
            foreach (var (key, entry) in file.Entries.OrderBy(e => e.Value.Line))
            {
                if (!known.Contains(key) && key is not ("target" or "skip"))
                {
                    var closest = Suggestions.Closest(entry.Key, members);
                    problems.Add($"{file.DisplayPath}:{entry.Line}: unknown parameter '{entry.Key}'." + (closest is null ? " Run ./build.sh --help to list parameters." : $" Did you mean '{closest}'?"));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new DefinitionException(problems);
        }
    }

    // A pipeline that failed to define still owns its parameter names: a value for it is not a typo.
    private static List<string> CommandLineNames(PipelineSet set)
    {
        var declared = set.Pipelines.Select(m => (m.Name, Parameters: m.Parameters.Select(p => p.Name)))
            .Concat(set.Failures.Select(f => (f.Name, Parameters: f.ParameterNames.AsEnumerable())))
            .ToList();
        return declared.SelectMany(d => d.Parameters)
            .Concat(declared.SelectMany(d => d.Parameters.Select(p => ParameterNames.Qualified(d.Name, p))))
            .Distinct()
            .ToList();
    }
}
