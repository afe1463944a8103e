namespace LlmOps.Execution;

/// <summary>
/// A stage's cache key, kept as named components (<c>param:epochs</c>, <c>input:data/train.jsonl</c>,
/// <c>artifact:train-set</c>, <c>code</c>, ...) so that a miss can be explained component by component.
/// </summary>
public sealed class CacheKey
{
    /// <summary>Creates a key from its components.</summary>
    public CacheKey(IReadOnlyDictionary<string, string> components)
    {
        Components = new SortedDictionary<string, string>(components.ToDictionary(), StringComparer.Ordinal);
        Value = ContentHash.OfText(string.Join("\n", Components.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    /// <summary>The components, sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Components { get; }

    /// <summary>The hash of all components.</summary>
    public string Value { get; }

    /// <summary>The first 12 characters, for display.</summary>
    public string Short => Value[..12];
}
