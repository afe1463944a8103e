namespace LlmOps.Emission;

/// <summary>
/// Combines several calls of one trigger into the single filter a platform holds, where that means exactly what the
/// calls said: calls with the same paths (any path, when empty) add branches; calls for the same branches add paths.
/// Calls that differ in both cannot be one filter (<c>OnPush("main").OnPush("docs-site", paths: ["docs/**"])</c>
/// would run on every change to docs-site and on docs changes to main), and <see cref="CanMerge"/> says so.
/// </summary>
public static class TriggerCalls
{
    /// <summary>Whether the calls can be one filter.</summary>
    public static bool CanMerge(IEnumerable<(IReadOnlyList<string> Branches, IReadOnlyList<string> Paths)> calls)
    {
        var list = calls.ToList();
        return list.Count <= 1 || AllSame(list.Select(c => c.Paths)) || AllSame(list.Select(c => c.Branches));
    }

    /// <summary>The calls as one filter, duplicates removed; null when there are none. Check <see cref="CanMerge"/> first.</summary>
    public static (IReadOnlyList<string> Branches, IReadOnlyList<string> Paths)? Merge(IEnumerable<(IReadOnlyList<string> Branches, IReadOnlyList<string> Paths)> calls)
    {
        var list = calls.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        // An empty list means "any"; joined with a narrower call it stays "any".
        return (Union(list.Select(c => c.Branches)), Union(list.Select(c => c.Paths)));
    }

    private static List<string> Union(IEnumerable<IReadOnlyList<string>> lists)
    {
        var all = lists.ToList();
        return all.Any(l => l.Count == 0) ? [] : all.SelectMany(l => l).Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool AllSame(IEnumerable<IReadOnlyList<string>> lists)
    {
        var sets = lists.Select(l => l.ToHashSet(StringComparer.Ordinal)).ToList();
        return sets.All(s => s.SetEquals(sets[0]));
    }
}
