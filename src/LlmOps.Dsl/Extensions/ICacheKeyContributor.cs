namespace LlmOps.Dsl;

/// <summary>
/// Implemented by stage features whose settings change a stage's result (a container image digest, validation
/// rules): their parts enter the stage's cache key, and a change is named in the re-run explanation. Parts are
/// resolved by the executor when it decides the stage, never at definition time, so loading a pipeline does no I/O.
/// </summary>
public interface ICacheKeyContributor
{
    /// <summary>
    /// Named parts of the cache key; names are stable, values are canonical strings (no secrets). Work that needs
    /// I/O (asking an engine for an image digest) goes through <see cref="CacheKeyContext.ResolveOnceAsync"/>, so it
    /// happens once per run; in a dry run, a part that would need such work is <see cref="CacheKeyParts.Deferred"/>.
    /// </summary>
    ValueTask<CacheKeyParts> CacheKeyPartsAsync(CacheKeyContext context);
}
