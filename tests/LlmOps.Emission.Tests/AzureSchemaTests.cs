using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

/// <summary>
/// Validates emitted Azure pipelines against the official schema (TestData/azure-pipelines-service-schema.json)
/// with JsonSchema.Net. Azure DevOps reads every YAML scalar as a string, and so does Microsoft's language service,
/// which also lets a string stand for a boolean or number (the schema types task inputs such as
/// <c>useGlobalJson</c> as boolean). So the YAML becomes JSON with string scalars, and the schema's boolean,
/// integer and number types also admit strings.
/// </summary>
public sealed class AzureSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "azure-pipelines-service-schema.json")))!;
        AdmitStrings(schema);
        return JsonSchema.FromText(schema.ToJsonString());
    });

    public static TheoryData<string> AzureFiles() =>
        [.. Both().Where(f => f.Path.StartsWith("azure-", StringComparison.Ordinal)).Select(f => f.Path)];

    [Theory]
    [MemberData(nameof(AzureFiles))]
    public void Emitted_pipelines_match_the_official_schema(string path)
    {
        var text = Loaded.File(Both(), path);
        var results = Evaluate(text);
        Assert.True(results.IsValid, Describe(results));
    }

    [Fact]
    public void The_schema_check_rejects_a_broken_pipeline()
    {
        var text = Loaded.File(Loaded.Generate(typeof(TrainPipeline)), "azure-pipelines-train.yml").Replace("timeoutInMinutes:", "timeoutMinutes:");
        Assert.False(Evaluate(text).IsValid);
    }

    private static IReadOnlyList<GeneratedFile> Both() =>
    [
        .. Loaded.Generate(typeof(TrainPipeline)), .. Loaded.Generate(typeof(GroupedPipeline)), .. Loaded.Generate(typeof(PromotionPipeline)),
        .. Loaded.Generate(typeof(NullableParametersPipeline)), .. Loaded.Generate(typeof(OidcPipeline)), .. Loaded.Generate(typeof(ReviewedPipeline)),
    ];

    private static EvaluationResults Evaluate(string yaml)
    {
        using var document = JsonDocument.Parse(YamlText.Parse(yaml).ToJsonString());
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static void AdmitStrings(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            if (obj["type"] is JsonValue type && type.GetValue<string>() is "boolean" or "integer" or "number")
            {
                obj["type"] = new JsonArray(type.GetValue<string>(), "string");
            }

            foreach (var (_, child) in obj.ToList())
            {
                if (child is not null)
                {
                    AdmitStrings(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>())
            {
                AdmitStrings(child);
            }
        }
    }

    private static string Describe(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 } && d.EvaluationPath.ToString().Contains("anyOf/2", StringComparison.Ordinal)).Take(30)
            .Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", d.Errors!.Values)}"));
}
