using LlmOps.Dsl;

namespace LlmOps.Execution;

/// <summary>The <see cref="CacheKeyContext"/> the executor hands to a stage's features while it decides the stage.</summary>
internal sealed class StageKeyContext(string rootDirectory, string stageName, bool isDryRun, RunResolutions resolutions, Action<string> log, Func<Type, object?> services, CancellationToken cancellationToken)
    : CacheKeyContext
{
    public override string RootDirectory => rootDirectory;

    public override object? GetService(Type serviceType) => isDryRun ? null : services(serviceType);

    public override string StageName => stageName;

    public override bool IsDryRun => isDryRun;

    public override CancellationToken CancellationToken => cancellationToken;

    public override void Log(string message) => log(message);

    public override Task<string> ResolveOnceAsync(string key, Func<CancellationToken, Task<string>> resolve) =>
        isDryRun
            ? throw new InvalidOperationException($"{stageName}: a dry run must not resolve '{key}'; return CacheKeyParts.Deferred instead")
            : resolutions.ResolveOnceAsync(key, resolve, cancellationToken);
}
