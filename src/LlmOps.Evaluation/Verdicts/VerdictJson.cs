using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmOps.Evaluation;

/// <summary>The verdict as JSON: every rule, its numbers, its interval and its reason.</summary>
public static class VerdictJson
{
    /// <summary>The verdict's file name in the report artifact.</summary>
    public const string FileName = "verdict.json";

    /// <summary>Camel case, indented, NaN written as a string (an empty slice has no interval).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The verdict as indented JSON.</summary>
    public static string Write(Verdict verdict) => JsonSerializer.Serialize(verdict, Options);

    /// <summary>Reads a verdict written by <see cref="Write"/>.</summary>
    public static Verdict Read(string json) => JsonSerializer.Deserialize<Verdict>(json, Options) ?? throw new JsonException("empty verdict");
}
