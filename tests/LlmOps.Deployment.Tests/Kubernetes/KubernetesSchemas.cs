using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace LlmOps.Deployment.Tests;

/// <summary>
/// The published schemas shipped in Schemas/ (see its README): Kubernetes' OpenAPI definitions for apps/v1
/// Deployment, v1 Service and meta/v1 Status, and KServe's InferenceService CRD schema. Both are made strict the way the
/// API server is with fieldValidation=Strict: an object with declared properties admits no other (yannh's
/// "standalone-strict" does the same), and int-or-string fields admit both forms.
/// </summary>
public static class KubernetesSchemas
{
    private static readonly Lazy<JsonNode> Definitions = new(() =>
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Kubernetes", "Schemas", "kubernetes-1.13.4-definitions.json")))!;
        var definitions = document["definitions"]!.DeepClone();
        Strict(definitions);
        return definitions;
    });

    private static readonly Lazy<JsonSchema> Deployment = new(() => Of("io.k8s.api.apps.v1.Deployment"));

    private static readonly Lazy<JsonSchema> Service = new(() => Of("io.k8s.api.core.v1.Service"));

    private static readonly Lazy<JsonSchema> InferenceService = new(() =>
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Kubernetes", "Schemas", "kserve-inferenceservice-v1beta1.json")))!;
        Strict(schema);

        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    /// <summary>The schema violations of one object by its kind, "location: message" each; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(JsonNode manifest)
    {
        var schema = (string?)manifest["kind"] switch
        {
            "Deployment" => Deployment.Value,
            "Service" => Service.Value,
            "InferenceService" => InferenceService.Value,
            var other => throw new InvalidOperationException($"no schema for kind {other}"),
        };
        using var document = JsonDocument.Parse(manifest.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Values.Select(m => $"{d.InstanceLocation}: {m}")).Distinct()];
    }

    private static JsonSchema Of(string definition)
    {
        var root = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = "https://llmops.test/kubernetes/" + definition,
            ["$ref"] = "#/definitions/" + definition,
            ["definitions"] = Definitions.Value.DeepClone(),
        };
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    private static void Strict(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            if ((string?)obj["format"] == "int-or-string" || obj["x-kubernetes-int-or-string"] is JsonValue)
            {
                obj.Remove("type");
                obj.Remove("format");
                obj.Remove("anyOf");
                obj["type"] = new JsonArray("string", "integer");
            }

            if (obj["properties"] is JsonObject && obj["additionalProperties"] is null && obj["x-kubernetes-preserve-unknown-fields"] is null)
            {
                obj["additionalProperties"] = false;
            }

            foreach (var (key, child) in obj.ToList())
            {
                // The x-kubernetes-* extensions are read above or are for the API server alone (list merge keys, CEL rules).
                if (key.StartsWith("x-kubernetes-", StringComparison.Ordinal) && !(obj.Parent is JsonObject && obj.GetPropertyName() == "properties"))
                {
                    obj.Remove(key);
                }
                else if (child is not null)
                {
                    Strict(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>())
            {
                Strict(child);
            }
        }
    }
}
