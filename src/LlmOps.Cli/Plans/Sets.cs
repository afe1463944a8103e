namespace LlmOps.Cli.Plans;

/// <summary>Set differences in the words the plan diff uses.</summary>
internal static class Sets
{
    /// <summary>What is only in <paramref name="after"/> (added) and only in <paramref name="before"/> (removed).</summary>
    public static List<Change> Compare(IEnumerable<string> before, IEnumerable<string> after)
    {
        var old = before.ToHashSet(StringComparer.Ordinal);
        var now = after.ToHashSet(StringComparer.Ordinal);
        return now.Where(n => !old.Contains(n)).Order(StringComparer.Ordinal).Select(n => new Change(n, ChangeKind.Added))
            .Concat(old.Where(o => !now.Contains(o)).Order(StringComparer.Ordinal).Select(o => new Change(o, ChangeKind.Removed)))
            .ToList();
    }

    /// <summary><c>label + a, b; − c</c>, or null when the lists hold the same items.</summary>
    public static string? Describe(string label, IEnumerable<string> before, IEnumerable<string> after)
    {
        var changes = Compare(before, after);
        if (changes.Count == 0)
        {
            return null;
        }

        var added = changes.Where(c => c.Kind == ChangeKind.Added).Select(c => c.Name).ToList();
        var removed = changes.Where(c => c.Kind == ChangeKind.Removed).Select(c => c.Name).ToList();
        var parts = new List<string>();
        if (added.Count > 0)
        {
            parts.Add("+ " + string.Join(", ", added));
        }

        if (removed.Count > 0)
        {
            parts.Add("− " + string.Join(", ", removed));
        }

        return $"{label} {string.Join("; ", parts)}";
    }
}
