using System.Text.Json.Nodes;

namespace LlmOps.Emission.Tests.Support;

/// <summary>Reads an emitted Azure pipeline: its stages and the jobs inside them.</summary>
public static class AzureYaml
{
    public static JsonArray Stages(JsonNode pipeline) => pipeline["stages"]!.AsArray();

    /// <summary>Every job of every stage, in order.</summary>
    public static IReadOnlyList<JsonNode> Jobs(JsonNode pipeline) => [.. Stages(pipeline).SelectMany(s => s!["jobs"]!.AsArray()).Select(j => j!)];

    public static string Id(JsonNode job) => (job["job"] ?? job["deployment"])!.GetValue<string>();

    public static JsonNode Job(JsonNode pipeline, string id) => Jobs(pipeline).Single(j => Id(j) == id);

    /// <summary>The stage that holds the job <paramref name="id"/>.</summary>
    public static JsonNode StageOf(JsonNode pipeline, string id) => Stages(pipeline).Single(s => s!["jobs"]!.AsArray().Any(j => Id(j!) == id))!;

    public static IReadOnlyList<string> Names(JsonNode? sequence) => sequence?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];

    /// <summary>The jobs <paramref name="id"/> runs after: its own dependsOn, and every job of every stage its stage waits for, transitively.</summary>
    public static IReadOnlySet<string> RunsAfter(JsonNode pipeline, string id)
    {
        var stages = Stages(pipeline).ToDictionary(s => s!["stage"]!.GetValue<string>(), s => s!);
        var result = new HashSet<string>(Names(Job(pipeline, id)["dependsOn"]));
        var pending = new Stack<string>(Names(StageOf(pipeline, id)["dependsOn"]));
        var seen = new HashSet<string>();
        while (pending.TryPop(out var name))
        {
            if (seen.Add(name))
            {
                result.UnionWith(stages[name]["jobs"]!.AsArray().Select(j => Id(j!)));
                foreach (var next in Names(stages[name]["dependsOn"]))
                {
                    pending.Push(next);
                }
            }
        }

        return result;
    }
}
