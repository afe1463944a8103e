using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Deployment.Tests;

/// <summary>
/// Reads a YAML stream as a YAML 1.2 reader (kubectl's, the API server's) would: a plain scalar that looks like a number,
/// a boolean or null becomes one, a quoted scalar stays a string. So a quantity written as a bare <c>1</c> reaches the
/// schema as an integer, and only a quoted one as the string the API expects.
/// </summary>
public static class YamlDocuments
{
    public static IReadOnlyList<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => Convert(d.RootNode)!.AsObject())];
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, Convert(p.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
        YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    private static JsonNode? Plain(string text) =>
        text is "null" or "~" or "" ? null
        : text is "true" or "false" ? JsonValue.Create(text == "true")
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? JsonValue.Create(integer)
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
        : JsonValue.Create(text);
}
