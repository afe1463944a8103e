using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LlmOps.Emission.Argo.Tests.Support;

/// <summary>The task graph of an emitted template's <c>plan</c> DAG: each task with the tasks its <c>depends</c> names.</summary>
public static partial class DagGraph
{
    public static Dictionary<string, HashSet<string>> Of(JsonObject template)
    {
        var plan = template["spec"]!["templates"]!.AsArray().Single(t => (string?)t!["name"] == "plan")!;
        return plan["dag"]!["tasks"]!.AsArray().ToDictionary(
            t => (string)t!["name"]!,
            t => t!["depends"] is { } depends ? TaskNames().Matches((string)depends!).Select(m => m.Groups[1].Value).ToHashSet() : []);
    }

    /// <summary>The graph with approval tasks contracted: a task that depended on an approval depends on what the approval did.</summary>
    public static Dictionary<string, HashSet<string>> WithoutApprovals(Dictionary<string, HashSet<string>> graph) =>
        graph.Where(kv => !kv.Key.StartsWith("approve-", StringComparison.Ordinal)).ToDictionary(
            kv => kv.Key,
            kv => kv.Value.SelectMany(d => d.StartsWith("approve-", StringComparison.Ordinal) ? graph[d] : [d]).ToHashSet());

    [GeneratedRegex(@"(?<![\w.-])([a-z0-9][-a-z0-9]*)(?=[.\s)]|$)")]
    private static partial Regex TaskNames();
}
