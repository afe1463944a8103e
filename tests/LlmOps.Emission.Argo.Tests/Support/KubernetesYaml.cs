using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Emission.Argo.Tests.Support;

/// <summary>
/// Reads emitted YAML as the Kubernetes API server does (YAML 1.2 core schema): plain scalars that look like integers,
/// floats, booleans or null are those types; quoted ones are strings.
/// </summary>
public static partial class KubernetesYaml
{
    public static JsonObject Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Assert.Single(stream.Documents);
        return (JsonObject)ToJson(stream.Documents[0].RootNode)!;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.Plain } s => Plain(s.Value ?? ""),
        YamlScalarNode s => JsonValue.Create(s.Value ?? ""),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static JsonNode? Plain(string value) => value switch
    {
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        "" or "~" or "null" or "Null" or "NULL" => null,
        _ when Integer().IsMatch(value) => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
        _ when Float().IsMatch(value) => JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value),
    };

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
