using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>Finds stages by name: <c>Train</c> when only one pipeline has it, <c>Support.Train</c> always.</summary>
public static class TargetResolver
{
    /// <summary>Resolves a typed name; throws <see cref="UsageException"/> with the closest valid name.</summary>
    public static StageModel Resolve(string typed, IReadOnlyList<PipelineModel> pipelines)
    {
        var all = pipelines.SelectMany(p => p.Stages).ToList();
        var dot = typed.IndexOf('.');
        if (dot > 0)
        {
            var pipeline = pipelines.FirstOrDefault(p => p.Name.Equals(typed[..dot], StringComparison.OrdinalIgnoreCase));
            var stage = pipeline?.Find(typed[(dot + 1)..]);
            if (stage is not null)
            {
                return stage;
            }
        }
        else
        {
            var matches = all.Where(s => s.Name.Equals(typed, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1)
            {
                return matches[0];
            }

            if (matches.Count > 1)
            {
                throw new UsageException($"Target '{typed}' is ambiguous: {string.Join(", ", matches.Select(m => m.Id))}. Name it with its pipeline.");
            }
        }

        var names = all.Select(s => s.Id).Concat(all.Select(s => s.Name).GroupBy(n => n).Where(g => g.Count() == 1).Select(g => g.Key));
        var closest = Suggestions.Closest(typed, names);
        throw new UsageException($"Unknown target '{typed}'." + (closest is null ? " Run ./build.sh --help to list targets." : $" Did you mean '{closest}'?"));
    }
}
