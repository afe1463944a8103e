using System.Text.Json;

namespace LlmOps.Execution;

/// <summary>
/// Cache entries under <c>.llmops/cache</c>: <c>entries/&lt;key&gt;.json</c> for lookups (so switching a parameter
/// back hits the older entry) and <c>stages/&lt;stage&gt;.json</c> for the last entry of each stage (for explanations).
/// </summary>
public sealed class CacheIndex(string root)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The entry stored under a key, or null.</summary>
    public CacheEntry? Find(string key) => Read(Path.Combine(root, "entries", key + ".json"));

    /// <summary>The last entry recorded for a stage, or null.</summary>
    public CacheEntry? Last(string stageId) => Read(Path.Combine(root, "stages", stageId + ".json"));

    /// <summary>Records an entry, atomically, as the key's entry and the stage's last entry.</summary>
    public void Record(CacheEntry entry)
    {
        var json = JsonSerializer.Serialize(entry, Json);
        AtomicFile.WriteAllText(Path.Combine(root, "entries", entry.Key + ".json"), json);
        AtomicFile.WriteAllText(Path.Combine(root, "stages", entry.StageId + ".json"), json);
    }

    private static CacheEntry? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<CacheEntry>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
