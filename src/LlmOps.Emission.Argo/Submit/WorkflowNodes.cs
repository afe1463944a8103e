using System.Text.Json;
using System.Text.RegularExpressions;

namespace LlmOps.Emission.Argo.Submit;

/// <summary>
/// Reads the node tree Argo's controller writes into <c>status.nodes</c>: which nodes are the tasks of a run (what a
/// summary lists), and which task an attempt's pod belongs to.
/// </summary>
internal static partial class WorkflowNodes
{
    // Nodes that are one task each. DAG and Steps nodes only group tasks (the Workflow's own node, a nested template);
    // a task with a retryStrategy is a Retry node whose children are its attempts (Pod nodes named "task(0)",
    // "task(1)"), so the Retry node is the task and its attempts are not listed again.
    private static readonly HashSet<string> TaskTypes = new(StringComparer.Ordinal) { "Pod", "Container", "Suspend", "Skipped", "Retry", "HTTP", "Plugin" };

    /// <summary>The task nodes of <paramref name="nodes"/> (a Workflow's <c>status.nodes</c>).</summary>
    public static IEnumerable<JsonElement> Tasks(JsonElement nodes)
    {
        var all = nodes.EnumerateObject().Select(n => n.Value).ToList();
        var attempts = all.Where(n => Text(n, "type") == "Retry" && n.TryGetProperty("children", out var c) && c.ValueKind == JsonValueKind.Array)
            .SelectMany(n => n.GetProperty("children").EnumerateArray().Select(c => c.GetString()))
            .ToHashSet(StringComparer.Ordinal);
        return all.Where(n => TaskTypes.Contains(Text(n, "type") ?? "") && !attempts.Contains(Text(n, "id")));
    }

    /// <summary>
    /// The task a node's last name segment names: "train" for "train" and its first attempt "train(0)", "train retry 1"
    /// for its second attempt "train(1)". Loop items ("train(0:a)") keep their name.
    /// </summary>
    public static string TaskOfAttempt(string segment)
    {
        var match = Attempt().Match(segment);
        return !match.Success ? segment : match.Groups[2].Value == "0" ? match.Groups[1].Value : $"{match.Groups[1].Value} retry {match.Groups[2].Value}";
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"^(.+)\(([0-9]+)\)$")]
    private static partial Regex Attempt();
}
