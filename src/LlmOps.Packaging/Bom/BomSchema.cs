using System.Text.Json;
using Json.Schema;

namespace LlmOps.Packaging;

/// <summary>
/// Validates a BOM against the official CycloneDX 1.6 JSON schema, embedded with the SPDX licence and JSF signature
/// schemas it refers to, each registered under its <c>$id</c> so no reference goes to the network.
/// </summary>
public static class BomSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>The schema violations of <paramref name="bom"/> (JSON text), each as "location: message"; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(string bom)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bom);
        }
        catch (JsonException e)
        {
            return [$"not valid JSON: {e.Message}"];
        }

        using (document)
        {
            var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (result.IsValid)
            {
                return [];
            }

            // A failed oneOf reports every branch's complaint; errors outside one are the real ones, else the
            // outermost places where no branch fitted.
            var errors = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .Select(d => (Location: Location(d.InstanceLocation.ToString()), Path: d.EvaluationPath.ToString(), Messages: d.Errors!.Values))
                .ToList();
            var problems = errors.Where(e => !e.Path.Contains("/oneOf/", StringComparison.Ordinal) && !e.Path.Contains("/anyOf/", StringComparison.Ordinal))
                .SelectMany(e => e.Messages.Select(m => $"{e.Location}: {m}"))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (problems.Count == 0)
            {
                var locations = errors.Select(e => e.Location).Distinct(StringComparer.Ordinal).ToList();
                problems = locations.Where(l => !locations.Any(o => o != l && l.StartsWith(o + "/", StringComparison.Ordinal)))
                    .Select(l => $"{l}: matches none of the forms the schema allows there")
                    .ToList();
            }

            return problems.Count > 0 ? problems : ["does not match the CycloneDX 1.6 schema"];
        }
    }

    private static string Location(string pointer) => pointer.Length == 0 ? "(root)" : pointer;

    private static JsonSchema Load()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var name in new[] { "spdx.schema.json", "jsf-0.82.schema.json" })
        {
            options.SchemaRegistry.Register(JsonSchema.FromText(Resource(name), options));
        }

        return JsonSchema.FromText(Resource("bom-1.6.schema.json"), options);
    }

    private static string Resource(string name)
    {
        using var stream = typeof(BomSchema).Assembly.GetManifestResourceStream("cyclonedx/" + name)
            ?? throw new InvalidOperationException($"the embedded schema {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
