using System.Collections.Concurrent;
using System.Text.Json;

namespace LlmOps.Execution;

/// <summary>
/// Remembers the hash of each file with its size, mtime and inode, so unchanged large files (datasets, model
/// weights, store objects) are not hashed again on every run. Persisted under <c>.llmops/cache/file-hashes.json</c>.
/// </summary>
public sealed class FileHashCache
{
    private readonly string _path;
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private int _changed;

    private FileHashCache(string path, Dictionary<string, Entry> entries)
    {
        _path = path;
        _entries = new ConcurrentDictionary<string, Entry>(entries, StringComparer.Ordinal);
    }

    /// <summary>How many files were actually hashed (not served from the fast path) since loading.</summary>
    public int FilesHashed => _changed;

    /// <summary>Loads the cache; a missing or unreadable file starts empty (it is only an accelerator).</summary>
    public static FileHashCache Load(string path)
    {
        try
        {
            var entries = File.Exists(path) ? JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllBytes(path)) : null;
            return new FileHashCache(path, entries ?? []);
        }
        catch (JsonException)
        {
            return new FileHashCache(path, []);
        }
    }

    /// <summary>The SHA-256 of <paramref name="file"/>, from the fast path when size, mtime and inode are unchanged.</summary>
    public string Hash(string file)
    {
        var full = Path.GetFullPath(file);
        var identity = FileIdentity.Of(full);
        if (_entries.TryGetValue(full, out var entry) && entry.Size == identity.Size && entry.Ticks == identity.ModifiedTicks && entry.Inode == identity.Inode)
        {
            return entry.Hash;
        }

        var hash = ContentHash.OfFile(full);
        _entries[full] = new Entry(identity.Size, identity.ModifiedTicks, identity.Inode, hash);
        Interlocked.Increment(ref _changed);
        return hash;
    }

    /// <summary>Writes the cache back when anything changed.</summary>
    public void Save()
    {
        if (_changed == 0)
        {
            return;
        }

        var live = _entries.Where(kv => File.Exists(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        AtomicFile.WriteAllBytes(_path, JsonSerializer.SerializeToUtf8Bytes(live));
    }

    /// <summary>A remembered hash.</summary>
    /// <param name="Size">Size when hashed.</param>
    /// <param name="Ticks">Modification time when hashed.</param>
    /// <param name="Inode">Inode when hashed.</param>
    /// <param name="Hash">The SHA-256.</param>
    public sealed record Entry(long Size, long Ticks, ulong Inode, string Hash);
}
