namespace LlmOps.Dsl;

/// <summary>What a feature may use while the executor resolves its cache key parts.</summary>
public abstract class CacheKeyContext
{
    /// <summary>The stage's qualified name.</summary>
    public abstract string StageName { get; }

    /// <summary>Whether this is a dry run, which must not build, pull or change anything.</summary>
    public abstract bool IsDryRun { get; }

    /// <summary>Signalled on Ctrl+C.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Writes a progress line (an image pull) to the console, secrets masked.</summary>
    public abstract void Log(string message);

    /// <summary>
    /// Resolves <paramref name="key"/> once per run, however many stages ask (two stages on one image pull it once);
    /// the value is held by the run, not by the definition. A failure is not remembered, so a later stage retries.
    /// </summary>
    public abstract Task<string> ResolveOnceAsync(string key, Func<CancellationToken, Task<string>> resolve);
}
