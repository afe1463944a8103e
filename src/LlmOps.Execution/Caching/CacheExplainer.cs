namespace LlmOps.Execution;

/// <summary>Says in words why a stage's cache key differs from its last run: <c>parameter epochs 3 -> 5</c>.</summary>
public static class CacheExplainer
{
    /// <summary>The differences between <paramref name="previous"/> and <paramref name="current"/>, most telling first.</summary>
    /// <param name="previous">The components of the stage's last key, or null when it never ran.</param>
    /// <param name="current">The components of its key now.</param>
    /// <param name="stageName">The stage's name, for <c>code of Train changed</c>.</param>
    public static IReadOnlyList<string> Explain(IReadOnlyDictionary<string, string>? previous, IReadOnlyDictionary<string, string> current, string stageName = "the stage")
    {
        if (previous is null)
        {
            return ["never run before"];
        }

        var reasons = new List<string>();
        foreach (var name in previous.Keys.Union(current.Keys).Order(StringComparer.Ordinal))
        {
            var had = previous.TryGetValue(name, out var before);
            var has = current.TryGetValue(name, out var after);
            if (had && has && before == after)
            {
                continue;
            }

            var (kind, subject) = Split(name);
            reasons.Add(kind switch
            {
                "param" when !has => $"parameter {subject} no longer read",
                "param" when !had => IsSecret(after) ? $"parameter {subject} now read" : $"parameter {subject} now read (= {Show(after)})",
                "param" when IsSecret(before) || IsSecret(after) => $"parameter {subject} changed",
                "param" => $"parameter {subject} {Show(before)} -> {Show(after)}",
                "input" when !had => $"input {subject} added",
                "input" when !has => $"input {subject} removed",
                "input" => $"input {subject} changed",
                "artifact" => $"input artifact {subject} changed",
                "env" => $"environment {subject} {Show(before)} -> {Show(after)}",
                "code" => CodeChange(before, after, stageName),
                "definition" => "stage definition changed",
                _ when !had => $"{name} added",
                _ when !has => $"{name} removed",
                _ => $"{subject} changed",
            });
        }

        return reasons.Count > 0 ? reasons : ["cache entry missing"];
    }

    // Code identities are "stage:<hash>" (the code the stage reaches) or "assembly:<hash>" (the whole assembly, when
    // the stage's code cannot be followed; --dry-run says why).
    private static string CodeChange(string? before, string? after, string stage)
    {
        var wasWhole = before?.StartsWith("assembly:", StringComparison.Ordinal) == true;
        var isWhole = after?.StartsWith("assembly:", StringComparison.Ordinal) == true;
        return (wasWhole, isWhole) switch
        {
            (false, false) => $"code of {stage} changed",
            (true, true) => $"pipeline assembly changed ({stage} is keyed on the whole assembly)",
            (false, true) => $"code of {stage} changed, and it is now keyed on the whole assembly",
            (true, false) => $"code of {stage} changed, and it is now keyed on its own code",
        };
    }

    private static (string Kind, string Subject) Split(string name)
    {
        var colon = name.IndexOf(':');
        return colon < 0 ? (name, name) : (name[..colon], name[(colon + 1)..]);
    }

    private static bool IsSecret(string? value) => value?.StartsWith("secret:", StringComparison.Ordinal) == true;

    private static string Show(string? value) => value is null ? "(unset)" : value.Length > 40 ? value[..37] + "..." : value;
}
