using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LlmOps.Emission.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Emission.Tests.Support;

/// <summary>Reads emitted YAML back with YamlDotNet, as a JSON tree in which every scalar is a string.</summary>
public static partial class YamlText
{
    public static JsonNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Assert.Single(stream.Documents);
        return ToJson(stream.Documents[0].RootNode);
    }

    /// <summary>Plain scalars of the text that a YAML 1.1 or 1.2 reader would not take as strings.</summary>
    public static IReadOnlyList<string> PlainNonStrings(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        // GitHub's top-level 'on' key is written plain on purpose (YamlScalars.CanBePlainKey); no other 'on' is.
        var onKeys = ((YamlMappingNode)stream.Documents[0].RootNode).Children.Keys.Where(k => k is YamlScalarNode { Value: "on" }).ToHashSet();
        return stream.Documents[0].AllNodes.OfType<YamlScalarNode>()
            .Where(s => s.Style == ScalarStyle.Plain && NonString().IsMatch(s.Value ?? "") && !onKeys.Contains(s))
            .Select(s => s.Value!)
            .ToList();
    }

    public static JsonNode ToJson(YamlDotNet.RepresentationModel.YamlNode node) => node switch
    {
        YamlScalarNode s => JsonValue.Create(s.Value ?? "")!,
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(c => (JsonNode?)ToJson(c)).ToArray()),
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, (JsonNode?)ToJson(kv.Value)))),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    /// <summary>The emitter's own model as the same kind of JSON tree.</summary>
    public static JsonNode ToJson(Emission.Yaml.YamlNode node) => node switch
    {
        YamlScalar s => JsonValue.Create(s.Value)!,
        YamlSequence seq => new JsonArray(seq.Items.Select(c => (JsonNode?)ToJson(c)).ToArray()),
        YamlMapping map => new JsonObject(map.Entries.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)ToJson(kv.Value)))),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    public static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(kv => new[] { kv.Value! }.Concat(Descendants(kv.Value!))),
        JsonArray a => a.SelectMany(c => new[] { c! }.Concat(Descendants(c!))),
        _ => [],
    };

    [GeneratedRegex(@"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$")]
    private static partial Regex NonString();
}
