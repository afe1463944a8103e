namespace LlmOps.Cli.Plans;

/// <summary>
/// Which stages' cache keys the change alters, from the key components each side knows before running: code,
/// parameters read, input files, declared variables, feature settings (image, rules). A stage that consumes from a
/// re-running stage re-runs too (its input's content may change), and says it is only for that.
/// </summary>
internal static class KeyChanges
{
    private const int ShownValueLength = 100;

    /// <summary>The stages of <paramref name="after"/> that re-run, in declaration order.</summary>
    public static List<ReRun> ReRuns(IReadOnlyDictionary<string, StageSnapshot> before, PlanSnapshot after, IReadOnlyDictionary<string, string> renames)
    {
        var stages = after.Pipelines.SelectMany(p => p.Stages).ToList();
        var own = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var oldId = renames.GetValueOrDefault(stage.Id, stage.Id);
            own[stage.Id] = before.TryGetValue(oldId, out var old) ? Reasons(old, stage) : ["new stage"];
        }

        // Upstream re-runs reach consumers through "artifact:" components that name their producer.
        var rerun = own.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var upstream = stages.ToDictionary(s => s.Id, _ => new List<string>(), StringComparer.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var stage in stages)
            {
                foreach (var producer in Producers(stage).Where(rerun.Contains))
                {
                    if (!upstream[stage.Id].Contains(producer))
                    {
                        upstream[stage.Id].Add(producer);
                        changed |= rerun.Add(stage.Id);
                    }
                }
            }
        }

        return stages.Where(s => rerun.Contains(s.Id)).Select(s => new ReRun(
            s.Id,
            [.. own[s.Id], .. upstream[s.Id].Select(p => $"consumes from {p}, which re-runs")],
            own[s.Id].Count == 0,
            s.CacheKeyDeferred)).ToList();
    }

    private static IEnumerable<string> Producers(StageSnapshot stage) =>
        stage.CacheKey.Where(kv => kv.Key.StartsWith("artifact:", StringComparison.Ordinal) && kv.Value.StartsWith("from ", StringComparison.Ordinal)).Select(kv => kv.Value[5..]);

    private static List<string> Reasons(StageSnapshot before, StageSnapshot after)
    {
        var reasons = new List<string>();
        foreach (var name in before.CacheKey.Keys.Union(after.CacheKey.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.CacheKey.TryGetValue(name, out var was);
            var has = after.CacheKey.TryGetValue(name, out var now);
            if (had && has && was == now)
            {
                continue;
            }

            var (kind, what) = name.IndexOf(':') is var colon and > 0 ? (name[..colon], name[(colon + 1)..]) : (name, "");
            reasons.Add((kind, had, has) switch
            {
                ("stage", _, _) => "renamed (the key names the stage)",
                ("code", _, _) when now?.StartsWith("assembly:", StringComparison.Ordinal) == true => "code changed (keyed on the whole pipelines assembly)",
                ("code", _, _) => "code changed",
                ("definition", _, _) => "produced artifacts changed",
                ("param", true, true) => $"parameter {what} {Shown(was)} → {Shown(now)}",
                ("param", false, _) => $"now reads parameter {what} ({Shown(now)})",
                ("param", _, false) => $"no longer reads parameter {what}",
                ("input", true, true) => $"input {what} changed",
                ("input", false, _) => $"new input {what}",
                ("input", _, false) => $"input {what} no longer declared",
                ("artifact", true, true) => $"artifact {what} now {now}",
                ("artifact", false, _) => $"now consumes {what}",
                ("artifact", _, false) => $"no longer consumes {what}",
                ("env", false, _) => $"now keyed on variable {what}",
                ("env", _, false) => $"no longer keyed on variable {what}",
                (_, true, true) => $"{name}: {Shown(was)} → {Shown(now)}",
                (_, false, _) => $"{name}: now {Shown(now)}",
                _ => $"{name}: no longer set",
            });
        }

        return reasons;
    }

    /// <summary>A key value shortened for reading.</summary>
    public static string Shown(string? value) =>
        value is null ? "(none)" : value.Length <= ShownValueLength ? value : value[..(ShownValueLength - 1)] + "…";
}
