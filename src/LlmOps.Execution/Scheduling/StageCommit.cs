using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>
/// Keeps what a successful attempt produced: each artifact ingested into the store, the pipeline's reference moved,
/// the export copy written, and last the cache entry, so a crash before the entry leaves only unreferenced objects.
/// </summary>
internal sealed class StageCommit(RunEnvironment environment)
{
    /// <summary>The produced artifacts by name, or the reason the stage fails.</summary>
    public (IReadOnlyDictionary<string, string>? Produced, string? Failure) Commit(PlannedStage entry, string outputs, CacheKey key, string runId, Action<string> log)
    {
        var produced = new Dictionary<string, string>();
        foreach (var artifact in entry.Stage.Definition.ProducedArtifacts)
        {
            var staging = Path.Combine(outputs, artifact.Name);
            if (!Directory.Exists(staging))
            {
                return (null, $"it declares .Produces({artifact.Name}) but did not write it (call ctx.Output({artifact.Name}) and write files there)");
            }

            var (hash, manifest) = environment.Store.Ingest(staging, artifact.Name, artifact.Kind);
            produced[artifact.Name] = hash;
            Publish(entry, artifact.Name, hash);
            log($"stored artifact {artifact.Name}: {manifest.Files.Count} file(s), {manifest.TotalSize:N0} bytes, {hash[..12]}");
        }

        environment.Cache.Record(new CacheEntry(entry.Id, key.Value, key.Components, produced, runId, DateTimeOffset.UtcNow, environment.Keys.ExternalOutputs(entry.Stage)));
        return (produced, null);
    }

    /// <summary>Makes an artifact the pipeline's current one and exports it (a cache hit publishes the same way).</summary>
    public void Publish(PlannedStage entry, string name, string hash)
    {
        environment.Store.SetRef(entry.Stage.Pipeline.Name, name, hash);
        if (environment.Options.ExportDirectory is { } exports)
        {
            environment.Store.Export(hash, Path.Combine(exports, name));
        }
    }
}
