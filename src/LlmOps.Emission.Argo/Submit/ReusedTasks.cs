using System.Text.Json;
using LlmOps.Emission.Argo.Emission;

namespace LlmOps.Emission.Argo.Submit;

/// <summary>
/// The tasks of a finished Workflow that were not run because their cache check reused everything they would compute
/// (<see cref="CacheCheck"/>): Argo shows them as skipped by their <c>when</c>; the summary says cached, as a local run does.
/// </summary>
internal static class ReusedTasks
{
    /// <summary>The display names of the reused tasks, from the Workflow's <c>status.nodes</c>.</summary>
    public static IReadOnlySet<string> Of(JsonElement nodes)
    {
        var reused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes.EnumerateObject().Select(n => n.Value))
        {
            if (node.TryGetProperty("displayName", out var name) && name.GetString() is { } display && display.StartsWith(CacheCheck.Prefix, StringComparison.Ordinal)
                && node.TryGetProperty("outputs", out var outputs) && outputs.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array
                && parameters.EnumerateArray().Any(p => p.TryGetProperty("name", out var n) && n.GetString() == CacheCheck.Parameter && p.TryGetProperty("value", out var v) && v.GetString() == "true"))
            {
                reused.Add(display[CacheCheck.Prefix.Length..]);
            }
        }

        return reused;
    }

    /// <summary>Whether a node is a cache check, which the summary folds into its task's line.</summary>
    public static bool IsCheck(string? displayName) => displayName?.StartsWith(CacheCheck.Prefix, StringComparison.Ordinal) == true;
}
