using System.Text.Json.Nodes;

namespace LlmOps.Emission.Argo.Tests.Support;

/// <summary>
/// A watch stream the fake replays, one line per event. A line is a watch event as the API server sends it
/// (<c>{"type":...,"object":{...}}</c>), or refers to a file so that recorded objects stay unchanged on disk:
/// <c>"object": "recorded/...yaml"</c> embeds that object, <c>"set": {"status.phase": "Failed"}</c> then edits named
/// fields of it (each edit visible in the script), and <c>{"include": "file.jsonl"}</c> replays another file's lines verbatim.
/// </summary>
public static class WatchScript
{
    public static IEnumerable<JsonObject> Events(string file)
    {
        foreach (var line in KubeData.Text(file).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = JsonNode.Parse(line)!.AsObject();
            if (entry["include"] is { } included)
            {
                foreach (var e in Events((string)included!))
                {
                    yield return e;
                }

                continue;
            }

            if (entry["object"] is JsonValue reference)
            {
                var embedded = KubeData.Object((string)reference!);
                foreach (var (path, value) in entry["set"]?.AsObject() ?? [])
                {
                    Set(embedded, path, value?.DeepClone());
                }

                entry = new JsonObject { ["type"] = (string)entry["type"]!, ["object"] = embedded };
            }

            yield return entry;
        }
    }

    private static void Set(JsonObject target, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = target;
        foreach (var part in parts[..^1])
        {
            node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
        }

        node[parts[^1]] = value;
    }
}
