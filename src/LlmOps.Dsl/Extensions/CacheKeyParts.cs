namespace LlmOps.Dsl;

/// <summary>What a feature adds to a stage's cache key.</summary>
public sealed class CacheKeyParts
{
    private CacheKeyParts(IReadOnlyList<KeyValuePair<string, string>> parts, string? deferredReason) =>
        (Parts, DeferredReason) = (parts, deferredReason);

    /// <summary>The named parts.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parts { get; }

    /// <summary>Why the key cannot be known without doing the run's work (dry runs only), or null.</summary>
    public string? DeferredReason { get; }

    /// <summary>Parts known now.</summary>
    public static CacheKeyParts Of(params KeyValuePair<string, string>[] parts) => new(parts, null);

    /// <summary>Parts known now.</summary>
    public static CacheKeyParts Of(IEnumerable<KeyValuePair<string, string>> parts) => new(parts.ToList(), null);

    /// <summary>
    /// The key would need work a dry run must not do (pulling or building an image); <paramref name="reason"/> says
    /// what, and the dry run reports the stage as decided at run time.
    /// </summary>
    public static CacheKeyParts Deferred(string reason) => new([], reason);
}
