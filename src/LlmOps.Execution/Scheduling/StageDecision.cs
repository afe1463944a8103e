namespace LlmOps.Execution;

/// <summary>What the executor does with a stage, decided before any of its work: the same for a run and a dry run.</summary>
internal enum DecisionKind
{
    /// <summary>Skipped (by <c>--skip</c>, a condition); the reason says which.</summary>
    Skip,

    /// <summary>Not run because an upstream stage did not succeed.</summary>
    NotRun,

    /// <summary>Not run because the run was cancelled.</summary>
    Cancelled,

    /// <summary>Cannot run: an input or the key could not be had.</summary>
    Fail,

    /// <summary>Served from the cache.</summary>
    Cached,

    /// <summary>Runs; the reason says why the cache did not serve it.</summary>
    Run,

    /// <summary>Dry runs only: decided when the stage runs (an upstream runs first, or a feature's key needs the run).</summary>
    Deferred,
}

/// <summary>One stage's decision.</summary>
/// <param name="Kind">What happens.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="Key">The cache key, once computed.</param>
/// <param name="Hit">The cache entry that serves the stage, for <see cref="DecisionKind.Cached"/>.</param>
/// <param name="Inputs">Consumed artifacts' content hashes, by name, once resolved.</param>
internal sealed record StageDecision(DecisionKind Kind, string Reason, CacheKey? Key = null, CacheEntry? Hit = null, IReadOnlyDictionary<string, string>? Inputs = null);
