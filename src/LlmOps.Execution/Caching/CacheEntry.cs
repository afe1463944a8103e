namespace LlmOps.Execution;

/// <summary>What a successful stage produced under a cache key.</summary>
/// <param name="StageId">The stage.</param>
/// <param name="Key">The cache key.</param>
/// <param name="Components">The key's components.</param>
/// <param name="Outputs">Artifact name → content hash.</param>
/// <param name="RunId">The run that produced it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="ExternalOutputs">Declared outputs outside the store (path → content hash) as the stage left them.</param>
public sealed record CacheEntry(
    string StageId,
    string Key,
    IReadOnlyDictionary<string, string> Components,
    IReadOnlyDictionary<string, string> Outputs,
    string RunId,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string>? ExternalOutputs = null);
