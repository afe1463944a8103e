using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>
/// Whether a stage's cache entry can be used, and if not, why: the one decision that both a run and a dry run make,
/// so <c>--dry-run</c> says exactly what the run will do.
/// </summary>
internal static class CacheLookup
{
    /// <summary>The usable entry for <paramref name="key"/>, or null and the reason the stage runs.</summary>
    public static (CacheEntry? Hit, string Why) Find(RunEnvironment environment, PlannedStage entry, CacheKey key)
    {
        var definition = entry.Stage.Definition;
        if (definition.NotCachedReason is not null)
        {
            return (null, $"not cached: {definition.NotCachedReason}");
        }

        if (environment.Options.NoCache)
        {
            return (null, "--no-cache");
        }

        string? damaged = null;
        var found = environment.Cache.Find(key.Value, warning => damaged = warning);
        if (found is null)
        {
            return (null, damaged ?? string.Join("; ", CacheExplainer.Explain(environment.Cache.Last(entry.Id)?.Components, key.Components, entry.Stage.Name)));
        }

        foreach (var artifact in definition.ProducedArtifacts)
        {
            if (found.Outputs.GetValueOrDefault(artifact.Name) is not { } hash)
            {
                return (null, $"the cache entry records no artifact '{artifact.Name}'");
            }

            if (environment.Store.Verify(hash, artifact.Name, artifact.Kind) is { } damage)
            {
                return (null, $"stored artifact '{artifact.Name}' is unusable: {damage}");
            }
        }

        return ExternalOutputDamage(environment, entry, found) is { } changed ? (null, changed) : (found, "");
    }

    /// <summary>Why a hit does not count because a declared output outside the store was deleted or changed, or null.</summary>
    private static string? ExternalOutputDamage(RunEnvironment environment, PlannedStage entry, CacheEntry found)
    {
        foreach (var (path, hash) in environment.Keys.ExternalOutputs(entry.Stage))
        {
            if (found.ExternalOutputs?.GetValueOrDefault(path) != hash)
            {
                return hash == "(missing)" ? $"output {path} was removed since the stage wrote it" : $"output {path} changed since the stage wrote it";
            }
        }

        return null;
    }
}
