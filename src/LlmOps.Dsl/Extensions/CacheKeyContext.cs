namespace LlmOps.Dsl;

/// <summary>What a feature may use while the executor resolves its cache key parts.</summary>
public abstract class CacheKeyContext : IServiceProvider
{
    /// <summary>
    /// A service that what follows the run offers while the stage is decided (the tracker's model registry, so a gate
    /// can key on the model a registry alias points to), or null when none does; the same services a body gets from
    /// <see cref="StageContext.GetService"/>. A dry run gets none: it must not reach a server.
    /// </summary>
    /// <param name="serviceType">The service's type.</param>
    public virtual object? GetService(Type serviceType) => null;

    /// <summary>The stage's qualified name.</summary>
    public abstract string StageName { get; }

    /// <summary>The repository root the run works in (its <c>.llmops/</c> state is there); null where a test gives none.</summary>
    public virtual string? RootDirectory => null;

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
