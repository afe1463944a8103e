using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmOps.Cli.Plans;

/// <summary>The JSON form of plan snapshots and diffs (camelCase, enums as words).</summary>
public static class PlanJson
{
    /// <summary>The serializer settings both sides use.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The snapshot as JSON.</summary>
    public static string Write(PlanSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    /// <summary>The diff as JSON.</summary>
    public static string Write(PlanDiffResult diff) => JsonSerializer.Serialize(diff, Options);

    /// <summary>Reads a snapshot; throws <see cref="UsageException"/> naming <paramref name="source"/> when it is not one this version reads.</summary>
    public static PlanSnapshot Read(string json, string source)
    {
        PlanSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<PlanSnapshot>(json, Options);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{source}: not a plan export ({e.Message})");
        }

        return snapshot switch
        {
            null => throw new UsageException($"{source}: not a plan export (empty)"),
            { Format: > PlanSnapshot.CurrentFormat } => throw new UsageException($"{source}: plan export format {snapshot.Format} is newer than this LlmOps reads ({PlanSnapshot.CurrentFormat})"),
            _ => snapshot,
        };
    }
}
