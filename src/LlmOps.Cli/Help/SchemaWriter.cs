using System.Text.Json;
using System.Text.Json.Nodes;
using LlmOps.Planning;

namespace LlmOps.Cli;

/// <summary>
/// Writes <c>.nuke/build.schema.json</c> from the loaded definitions, as NUKE does, so IDEs complete and check
/// <c>parameters.json</c>. It is rewritten only when its content changes, keeping the file stable in git. Each
/// parameter is listed by its member name (<c>Epochs</c>) and qualified with its pipeline (<c>Support.Epochs</c>).
/// </summary>
public static class SchemaWriter
{
    /// <summary>The schema's JSON text.</summary>
    public static string Render(IReadOnlyList<PipelineModel> pipelines)
    {
        var stageNames = new JsonArray(pipelines.SelectMany(p => p.Stages).Select(s => (JsonNode)JsonValue.Create(s.Id)!).ToArray());
        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
            ["Target"] = new JsonObject { ["type"] = "array", ["description"] = "Stages to run", ["items"] = new JsonObject { ["type"] = "string", ["enum"] = stageNames.DeepClone() } },
            ["Skip"] = new JsonObject { ["type"] = "array", ["description"] = "Stages to skip", ["items"] = new JsonObject { ["type"] = "string", ["enum"] = stageNames.DeepClone() } },
        };
        foreach (var parameter in pipelines.SelectMany(p => p.Parameters).GroupBy(p => p.MemberName).Select(g => g.First()))
        {
            properties[parameter.MemberName] = Describe(parameter);
        }

        foreach (var pipeline in pipelines)
        {
            foreach (var parameter in pipeline.Parameters)
            {
                properties[$"{pipeline.Name}.{parameter.MemberName}"] = Describe(parameter);
            }
        }

        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["title"] = "LlmOps build parameters",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Writes the schema when it changed; returns whether it did.</summary>
    public static bool WriteIfChanged(string rootDirectory, IReadOnlyList<PipelineModel> pipelines)
    {
        var path = Path.Combine(rootDirectory, ".nuke", "build.schema.json");
        var content = Render(pipelines);
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return false;
        }

        AtomicFile.WriteAllText(path, content);
        return true;
    }

    private static JsonObject Describe(ParameterModel parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        var node = new JsonObject { ["description"] = parameter.Description + (parameter.IsSecret ? " (secret: prefer an environment variable)" : "") };
        if (type.IsEnum)
        {
            node["type"] = "string";
            node["enum"] = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());
        }
        else if (type == typeof(bool))
        {
            node["type"] = "boolean";
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            node["type"] = "integer";
        }
        else if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            node["type"] = "number";
        }
        else if (type.IsArray)
        {
            node["type"] = "array";
            node["items"] = new JsonObject { ["type"] = "string" };
        }
        else
        {
            node["type"] = "string";
        }

        return node;
    }
}
