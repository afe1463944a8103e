using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmOps.DataValidation;

/// <summary>The machine-readable report: the <see cref="ValidationReport"/> as camel-case JSON with enums as strings.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The report as JSON text.</summary>
    public static string Render(ValidationReport report) => JsonSerializer.Serialize(new
    {
        verdict = report.Verdict,
        format = report.Format,
        errors = report.ErrorCount,
        warnings = report.WarningCount,
        splits = report.Splits,
        rules = report.Rules,
    }, Options);

    /// <summary>Reads a report written by <see cref="Render"/> back as a document (for tools and tests).</summary>
    public static JsonDocument Parse(string json) => JsonDocument.Parse(json);
}
