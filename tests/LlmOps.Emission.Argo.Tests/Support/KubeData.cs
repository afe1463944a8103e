using System.Text.Json.Nodes;

namespace LlmOps.Emission.Argo.Tests.Support;

/// <summary>The files under TestData/kube: recorded and adapted API objects, watch scripts, logs.</summary>
public static class KubeData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "kube");

    public static string Text(string file) => File.ReadAllText(Path.Combine(Root, file));

    /// <summary>An object file as the API server serves it: JSON as is, YAML (as <c>kubectl get -o yaml</c> printed it) read back to JSON.</summary>
    public static JsonObject Object(string file) =>
        file.EndsWith(".yaml", StringComparison.Ordinal) ? KubernetesYaml.Parse(Text(file)) : JsonNode.Parse(Text(file))!.AsObject();

    /// <summary>Every Workflow object the fake can serve by name: the recorded ones and the adapted ones (workflow-*.json).</summary>
    public static IEnumerable<JsonObject> Workflows() =>
        Directory.EnumerateFiles(Path.Combine(Root, "recorded", "argo-workflows-v4.1.2"), "*.workflow.yaml")
            .Concat(Directory.EnumerateFiles(Root, "workflow-*.json"))
            .Select(f => Object(Path.GetRelativePath(Root, f)));
}
