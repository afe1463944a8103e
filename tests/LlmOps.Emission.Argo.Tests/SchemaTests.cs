using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;
using LlmOps.Pipelines.FineTune;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>
/// Every emitted Argo document against Argo's official JSON schema (TestData/README.md), once as published and once
/// with every object closed, because the published schema lets unknown fields through and Argo would drop them.
/// </summary>
public sealed class SchemaTests
{
    private static readonly Lazy<JsonNode> Published = new(() => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "argo-workflows-schema.json")))!);
    private static readonly Lazy<JsonSchema> Workflow = new(() => Rooted("Workflow", strict: false));
    private static readonly Lazy<JsonSchema> WorkflowTemplate = new(() => Rooted("WorkflowTemplate", strict: false));
    private static readonly Lazy<JsonSchema> StrictWorkflow = new(() => Rooted("Workflow", strict: true));
    private static readonly Lazy<JsonSchema> StrictWorkflowTemplate = new(() => Rooted("WorkflowTemplate", strict: true));

    public static TheoryData<string, string> Documents()
    {
        var data = new TheoryData<string, string>();
        foreach (var pipeline in new[] { typeof(ArgoTrainPipeline), typeof(PvcTrainPipeline), typeof(SharedStoreTrainPipeline), typeof(MultiNodePipeline), typeof(FineTunePipeline) })
        {
            foreach (var suffix in new[] { ".workflowtemplate.yaml", ".workflow.yaml" })
            {
                data.Add(pipeline.Name, suffix);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Emitted_documents_match_argos_schema_with_unknown_fields_rejected(string pipeline, string suffix)
    {
        var document = KubernetesYaml.Parse(TaskGraphTests.Emitted(Type(pipeline), suffix));
        var template = (string?)document["kind"] == "WorkflowTemplate";

        var published = Evaluate(template ? WorkflowTemplate.Value : Workflow.Value, document);
        var strict = Evaluate(template ? StrictWorkflowTemplate.Value : StrictWorkflow.Value, document);

        Assert.True(published.IsValid, Describe(published));
        Assert.True(strict.IsValid, Describe(strict));
    }

    [Fact]
    public void The_strict_pass_rejects_an_unknown_field_that_the_published_schema_lets_through()
    {
        var text = TaskGraphTests.Emitted(typeof(ArgoTrainPipeline), ".workflowtemplate.yaml").Replace("activeDeadlineSeconds:", "activeDeadlineSecs:", StringComparison.Ordinal);
        var document = KubernetesYaml.Parse(text);

        Assert.True(Evaluate(WorkflowTemplate.Value, document).IsValid);
        Assert.False(Evaluate(StrictWorkflowTemplate.Value, document).IsValid);
    }

    [Fact]
    public void The_schema_rejects_a_quantity_written_as_a_number()
    {
        var text = TaskGraphTests.Emitted(typeof(ArgoTrainPipeline), ".workflowtemplate.yaml").Replace("memory: \"16Gi\"", "memory: 17179869184", StringComparison.Ordinal);

        Assert.False(Evaluate(WorkflowTemplate.Value, KubernetesYaml.Parse(text)).IsValid);
    }

    private static Type Type(string name) => name == nameof(FineTunePipeline) ? typeof(FineTunePipeline) : typeof(ArgoTrainPipeline).Assembly.GetTypes().Single(t => t.Name == name);

    private static JsonSchema Rooted(string kind, bool strict)
    {
        var schema = Published.Value.DeepClone().AsObject();
        schema.Remove("oneOf");
        schema.Remove("type");
        schema.Remove("$id");
        schema["$ref"] = $"#/definitions/io.argoproj.workflow.v1alpha1.{kind}";
        RemoveExtensions(schema);
        if (strict)
        {
            foreach (var (_, definition) in schema["definitions"]!.AsObject())
            {
                if (definition is JsonObject { } obj && obj["properties"] is JsonObject && obj["additionalProperties"] is null)
                {
                    obj["additionalProperties"] = false;
                }
            }
        }

        return JsonSchema.FromText(schema.ToJsonString());
    }

    // Kubernetes' x-kubernetes-* annotations describe merge and list semantics, not validation; JsonSchema.Net's
    // 2020-12 dialect refuses unknown keywords, so they go.
    private static void RemoveExtensions(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Select(kv => kv.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal)).ToList())
            {
                obj.Remove(key);
            }

            foreach (var (_, child) in obj.ToList())
            {
                if (child is not null)
                {
                    RemoveExtensions(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>())
            {
                RemoveExtensions(child);
            }
        }
    }

    private static EvaluationResults Evaluate(JsonSchema schema, JsonObject document)
    {
        using var json = JsonDocument.Parse(document.ToJsonString());
        return schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Describe(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(20).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}"));
}
