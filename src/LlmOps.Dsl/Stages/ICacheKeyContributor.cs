namespace LlmOps.Dsl;

/// <summary>
/// Implemented by stage features whose settings change a stage's result (a container image digest, validation
/// rules): their parts enter the stage's cache key, and a change is named in the re-run explanation.
/// </summary>
public interface ICacheKeyContributor
{
    /// <summary>Named parts of the cache key; names are stable, values are canonical strings (no secrets).</summary>
    IEnumerable<KeyValuePair<string, string>> CacheKeyParts();
}
