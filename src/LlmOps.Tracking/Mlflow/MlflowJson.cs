using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmOps.Tracking.Mlflow;

/// <summary>Serializer settings matching MLflow's protobuf JSON.</summary>
public static class MlflowJson
{
    /// <summary>
    /// snake_case names; unset fields are not sent (the server treats them as absent); NaN and infinities as
    /// MLflow's "NaN"/"Infinity" strings; numbers readable from strings; unknown fields ignored (3.x adds some).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
