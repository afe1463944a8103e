namespace LlmOps.Cli.Plans;

/// <summary>
/// Pairs a removed stage with an added one of the same pipeline when it is the same stage under a new name: the same
/// compiled code, or the same description with the same artifacts. Otherwise a rename would read as a removal plus
/// an addition, hiding that the work is unchanged.
/// </summary>
internal static class StageRenames
{
    /// <summary>The base's id of each renamed stage, by its new id.</summary>
    public static Dictionary<string, string> Find(IReadOnlyDictionary<string, StageSnapshot> before, IReadOnlyDictionary<string, StageSnapshot> after)
    {
        var removed = before.Values.Where(s => !after.ContainsKey(s.Id)).ToList();
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var added in after.Values.Where(s => !before.ContainsKey(s.Id)))
        {
            var match = removed.FirstOrDefault(r => Pipeline(r.Id) == Pipeline(added.Id) && Same(r, added));
            if (match is not null)
            {
                renames[added.Id] = match.Id;
                removed.Remove(match);
            }
        }

        return renames;
    }

    private static string Pipeline(string id) => id[..id.IndexOf('.')];

    private static bool Same(StageSnapshot a, StageSnapshot b) =>
        (a.CacheKey.TryGetValue("code", out var codeA) && b.CacheKey.TryGetValue("code", out var codeB) && codeA == codeB && codeA.StartsWith("stage:", StringComparison.Ordinal))
        || (a.Description.Length > 0 && a.Description == b.Description && a.Produces.SequenceEqual(b.Produces) && a.Consumes.SequenceEqual(b.Consumes));
}
