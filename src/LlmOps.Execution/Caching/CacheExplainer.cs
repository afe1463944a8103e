namespace LlmOps.Execution;

/// <summary>Says in words why a stage's cache key differs from its last run: <c>parameter epochs 3 -> 5</c>.</summary>
public static class CacheExplainer
{
    /// <summary>The differences between <paramref name="previous"/> and <paramref name="current"/>, most telling first.</summary>
    public static IReadOnlyList<string> Explain(IReadOnlyDictionary<string, string>? previous, IReadOnlyDictionary<string, string> current)
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
                "code" => "pipeline code changed",
                "definition" => "stage definition changed",
                _ when !had => $"{name} added",
                _ when !has => $"{name} removed",
                _ => $"{subject} changed",
            });
        }

        return reasons.Count > 0 ? reasons : ["cache entry missing"];
    }

    private static (string Kind, string Subject) Split(string name)
    {
        var colon = name.IndexOf(':');
        return colon < 0 ? (name, name) : (name[..colon], name[(colon + 1)..]);
    }

    private static bool IsSecret(string? value) => value?.StartsWith("secret:", StringComparison.Ordinal) == true;

    private static string Show(string? value) => value is null ? "(unset)" : value.Length > 40 ? value[..37] + "..." : value;
}
