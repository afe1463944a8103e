using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace LlmOps.Execution;

/// <summary>
/// Artifact name → read-only folder, materialized from the store only when an observer asks: most observers ignore
/// cached stages, and a thousand cached stages should not build a thousand folders.
/// </summary>
internal sealed class MaterializedArtifacts(IReadOnlyDictionary<string, string> hashes, ArtifactStore store) : IReadOnlyDictionary<string, string>
{
    private readonly Lazy<Dictionary<string, string>> _folders = new(() => hashes.ToDictionary(kv => kv.Key, kv => store.Materialize(kv.Value)));

    public int Count => hashes.Count;

    public IEnumerable<string> Keys => hashes.Keys;

    public IEnumerable<string> Values => _folders.Value.Values;

    public string this[string key] => _folders.Value[key];

    public bool ContainsKey(string key) => hashes.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _folders.Value.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _folders.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
