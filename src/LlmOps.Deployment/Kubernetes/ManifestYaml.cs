using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LlmOps.Deployment;

/// <summary>
/// Writes JSON documents as one multi-document YAML stream, keeping their key order. A string that a YAML reader
/// would take for a number, a boolean or null (a quantity such as <c>1</c>, a version such as <c>1.10</c>) is quoted, so
/// the file means the same objects the API receives.
/// </summary>
internal static class ManifestYaml
{
    public static string Write(IEnumerable<JsonObject> documents)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, bestIndent: 2, bestWidth: int.MaxValue);
        emitter.Emit(new StreamStart());
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: false));
            Node(emitter, document);
            emitter.Emit(new DocumentEnd(isImplicit: true));
        }

        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Node(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                emitter.Emit(new MappingStart());
                foreach (var (key, value) in map)
                {
                    Scalar(emitter, key);
                    Node(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray list:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in list)
                {
                    Node(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                Scalar(emitter, value.GetValue<string>());
                break;
            case JsonValue value:
                // Numbers and booleans as JSON writes them: plain scalars a YAML reader resolves to the same type.
                emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            default:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
        }
    }

    private static void Scalar(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(null, null, text, Ambiguous(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, isPlainImplicit: true, isQuotedImplicit: true));

    /// <summary>Whether a plain scalar with this text would resolve to something other than a string (YAML 1.1 and 1.2 readers alike).</summary>
    private static bool Ambiguous(string text) =>
        text.Length == 0
        || text.Trim() != text
        || text.ToLowerInvariant() is "null" or "~" or "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or ".nan" or ".inf" or "-.inf" or "+.inf"
        || double.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
        || text.Contains(':', StringComparison.Ordinal) && text.All(c => char.IsAsciiDigit(c) || c == ':');
}
