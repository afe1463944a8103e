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

    /// <summary>
    /// The graph with the tasks LlmOps adds around a stage's task contracted (approvals, cache checks): a task that
    /// depended on one depends on what that one depended on, through any chain of them.
    /// </summary>
    public static Dictionary<string, HashSet<string>> WithoutHelperTasks(Dictionary<string, HashSet<string>> graph)
    {
        static bool IsHelper(string task) => task.StartsWith("approve-", StringComparison.Ordinal) || task.StartsWith("reuse-", StringComparison.Ordinal);
        IEnumerable<string> Contract(string task) => IsHelper(task) ? graph[task].SelectMany(Contract) : [task];
        return graph.Where(kv => !IsHelper(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value.SelectMany(Contract).ToHashSet());
    }

    [GeneratedRegex(@"(?<![\w.-])([a-z0-9][-a-z0-9]*)(?=[.\s)]|$)")]
    private static partial Regex TaskNames();
}
