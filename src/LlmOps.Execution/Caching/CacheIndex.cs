using System.Text.Json;

namespace LlmOps.Execution;

/// <summary>
/// Cache entries under <c>.llmops/cache</c>: <c>entries/&lt;key&gt;.json</c> for lookups (so switching a parameter
/// back hits the older entry) and <c>stages/&lt;stage&gt;.json</c> for the last entry of each stage (for explanations).
/// A damaged entry (cut short, <c>{}</c>, fields missing) is treated as missing: it only costs a re-run.
/// </summary>
public sealed class CacheIndex(string root)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The entry stored under a key, or null; <paramref name="onDamaged"/> is told when one exists but is damaged.</summary>
    public CacheEntry? Find(string key, Action<string>? onDamaged = null) => Read(EntryPath(key), onDamaged);

    /// <summary>The last entry recorded for a stage, or null (also when it is damaged).</summary>
    public CacheEntry? Last(string stageId) => Read(Path.Combine(root, "stages", stageId + ".json"), null);

    /// <summary>Records an entry, atomically, as the key's entry and the stage's last entry.</summary>
    public void Record(CacheEntry entry)
    {
        var json = JsonSerializer.Serialize(entry, Json);
        AtomicFile.WriteAllText(EntryPath(entry.Key), json);
        AtomicFile.WriteAllText(Path.Combine(root, "stages", entry.StageId + ".json"), json);
    }

    /// <summary>Every readable entry by key, with the file it is in (for pruning).</summary>
    public IEnumerable<(string Path, CacheEntry Entry)> All()
    {
        foreach (var folder in new[] { "entries", "stages" }.Select(f => Path.Combine(root, f)).Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.json").Where(p => !Path.GetFileName(p).StartsWith('.')))
            {
                if (Read(path, null) is { } entry)
                {
                    yield return (path, entry);
                }
            }
        }
    }

    private string EntryPath(string key) => Path.Combine(root, "entries", key + ".json");

    private static CacheEntry? Read(string path, Action<string>? onDamaged)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string problem;
        try
        {
            var entry = JsonSerializer.Deserialize<CacheEntry>(File.ReadAllText(path), Json);
            if (entry is { StageId: not null, Key: not null, Components: not null, Outputs: not null, RunId: not null } && entry.Outputs.Values.All(v => v is not null))
            {
                return entry;
            }

            problem = "fields are missing";
        }
        catch (JsonException e)
        {
            problem = $"not valid JSON ({e.Message})";
        }

        onDamaged?.Invoke($"cache entry {path} is damaged ({problem}); treated as missing");
        return null;
    }
}
