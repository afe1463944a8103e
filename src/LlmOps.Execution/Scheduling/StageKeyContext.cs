using LlmOps.Dsl;
using LlmOps.Runtime;

namespace LlmOps.Execution;

/// <summary>The <see cref="CacheKeyContext"/> the executor hands to a stage's features while it decides the stage.</summary>
internal sealed class StageKeyContext(string rootDirectory, string stageName, bool isDryRun, RunResolutions resolutions, Action<string> log, Func<Type, object?> services, RunVariables variables, CancellationToken cancellationToken)
    : CacheKeyContext
{
    public override string RootDirectory => rootDirectory;

    // The run's variables are offered even to a dry run, so that it decides as the run would; other services are not.
    public override object? GetService(Type serviceType) =>
        serviceType == typeof(RunVariables) ? variables : isDryRun ? null : services(serviceType);

    public override string StageName => stageName;

    public override bool IsDryRun => isDryRun;

    public override CancellationToken CancellationToken => cancellationToken;

    public override void Log(string message) => log(message);

    public override Task<string> ResolveOnceAsync(string key, Func<CancellationToken, Task<string>> resolve) =>
        isDryRun
            ? throw new InvalidOperationException($"{stageName}: a dry run must not resolve '{key}'; return CacheKeyParts.Deferred instead")
            : resolutions.ResolveOnceAsync(key, resolve, cancellationToken);
}
