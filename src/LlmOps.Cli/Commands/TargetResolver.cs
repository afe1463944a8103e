using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>Finds stages by name: <c>Train</c> when only one pipeline has it, <c>Support.Train</c> always.</summary>
public static class TargetResolver
{
    /// <summary>
    /// Resolves a typed name; throws <see cref="UsageException"/> with the closest valid name, or, for a stage of a
    /// pipeline that failed to define (or a bare name one of those shares), with that pipeline's problems.
    /// </summary>
    public static StageModel Resolve(string typed, IReadOnlyList<PipelineModel> pipelines, IReadOnlyList<PipelineFailure>? failures = null)
    {
        failures ??= [];
        var all = pipelines.SelectMany(p => p.Stages).ToList();
        var dot = typed.IndexOf('.');
        if (dot > 0)
        {
            var name = typed[..dot];
            var pipeline = pipelines.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (pipeline?.Find(typed[(dot + 1)..]) is { } stage)
            {
                return stage;
            }

            if (pipeline is null && failures.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } failed)
            {
                throw new UsageException($"Target '{typed}' cannot run: {failed.Describe()}");
            }
        }
        else
        {
            var matches = all.Where(s => s.Name.Equals(typed, StringComparison.OrdinalIgnoreCase)).ToList();
            var failed = failures.Where(f => f.StageNames.Contains(typed, StringComparer.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1 && failed.Count == 0)
            {
                return matches[0];
            }

            if (matches.Count == 0 && failed.Count == 1)
            {
                throw new UsageException($"Target '{typed}' cannot run: {failed[0].Describe()}");
            }

            if (matches.Count + failed.Count > 1)
            {
                var ids = matches.Select(m => m.Id).Concat(failed.Select(f => $"{f.Name}.{f.StageNames.First(n => n.Equals(typed, StringComparison.OrdinalIgnoreCase))}"));
                throw new UsageException($"Target '{typed}' is ambiguous: {string.Join(", ", ids)}. Name it with its pipeline."
                    + string.Concat(failed.Select(f => Environment.NewLine + f.Describe())));
            }
        }

        var names = all.Select(s => s.Id).Concat(all.Select(s => s.Name).GroupBy(n => n).Where(g => g.Count() == 1).Select(g => g.Key));
        var closest = Suggestions.Closest(typed, names);
        throw new UsageException($"Unknown target '{typed}'." + (closest is null ? " Run ./build.sh --help to list targets." : $" Did you mean '{closest}'?"));
    }
}
