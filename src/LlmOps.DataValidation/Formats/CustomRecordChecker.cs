using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LlmOps.DataValidation.Json;
using LlmOps.DataValidation.Validation;

namespace LlmOps.DataValidation.Formats;

/// <summary>
/// Lines deserialised into a caller's C# type: required members and unknown fields are checked against the
/// serializer's contract (so [JsonPropertyName] and naming policies apply), type errors come from System.Text.Json
/// with their path, and DataAnnotations / IValidatableObject run on the result.
/// </summary>
internal sealed class CustomRecordChecker<T> : ExampleChecker
{
    private readonly JsonSerializerOptions _options;
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly HashSet<string> _known;

    public CustomRecordChecker(JsonSerializerOptions options)
    {
        _options = options;
        _typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        _known = new HashSet<string>(_typeInfo.Properties.Select(p => p.Name), options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    }

    public override void Check(LineDom dom, ExampleSink sink)
    {
        if (dom[0].Kind != JsonTokenType.StartObject)
        {
            sink.Report(RuleIds.WrongType, "$", dom[0].Start, $"an example must be a JSON object, found {KindName(dom[0].Kind)}");
            return;
        }

        var missing = false;
        foreach (var p in _typeInfo.Properties)
        {
            if (p.IsRequired && FindProperty(dom, p.Name) == LineDom.None)
            {
                sink.Report(RuleIds.MissingField, p.Name, 0, $"required field '{p.Name}' is missing");
                missing = true;
            }
        }

        for (var c = dom[0].FirstChild; c != LineDom.None; c = dom[c].NextSibling)
        {
            var name = dom.GetName(c);
            if (!_known.Contains(name))
            {
                sink.Report(RuleIds.UnknownField, Describe(name).Trim('\''), dom[c].NameStart - 1, $"unknown field {Describe(name)}");
            }
        }

        if (sink.WantsText)
        {
            CollectStrings(dom, 0, "", sink);
        }

        if (missing)
        {
            return;
        }

        T? value;
        try
        {
            // The serializer cannot make a string of a lone surrogate escape; read it as U+FFFD, as the rest of the validator does.
            value = dom.LoneSurrogate == LineDom.None ? JsonSerializer.Deserialize(dom.Line, _typeInfo) : JsonSerializer.Deserialize(JsonEscapes.ReplaceLoneSurrogates(dom.Line), _typeInfo);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : ex.Path ?? "$";
            sink.Report(RuleIds.WrongType, path, (int)(ex.BytePositionInLine ?? 0), TypeMessage(ex.Message));
            return;
        }

        if (value is null)
        {
            sink.Report(RuleIds.WrongType, "$", 0, $"the line does not describe a {typeof(T).Name}");
            return;
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            foreach (var r in results)
            {
                var member = r.MemberNames.FirstOrDefault();
                sink.Report(RuleIds.RecordValidation, member is null ? "$" : JsonName(member), 0, r.ErrorMessage ?? "validation failed");
            }
        }
    }

    private int FindProperty(LineDom dom, string name)
    {
        for (var c = dom[0].FirstChild; c != LineDom.None; c = dom[c].NextSibling)
        {
            if (string.Equals(dom.GetName(c), name, _options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                return c;
            }
        }

        return LineDom.None;
    }

    private string JsonName(string member) =>
        _typeInfo.Properties.FirstOrDefault(p => (p.AttributeProvider as System.Reflection.MemberInfo)?.Name == member)?.Name ?? member;

    private static string TypeMessage(string message)
    {
        // STJ messages end with "Path: $.x | LineNumber: 0 | BytePositionInLine: n." — we report path and column ourselves.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static void CollectStrings(LineDom dom, int node, string path, ExampleSink sink)
    {
        var i = 0;
        for (var c = dom[node].FirstChild; c != LineDom.None; c = dom[c].NextSibling, i++)
        {
            var childPath = dom[node].Kind == JsonTokenType.StartArray ? $"{path}[{i}]" : path.Length == 0 ? dom.GetName(c) : $"{path}.{dom.GetName(c)}";
            switch (dom[c].Kind)
            {
                case JsonTokenType.String:
                    sink.AddText(dom.GetString(c), path.Length == 0 ? childPath : path.Split('.', '[')[0], childPath, dom[c].Start);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    CollectStrings(dom, c, childPath, sink);
                    break;
            }
        }
    }
}
