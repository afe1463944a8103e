using LlmOps.Dsl;

namespace LlmOps.Containers.Tests.Infrastructure;

/// <summary>A key context outside an executor: resolves directly, and counts what it was asked to resolve.</summary>
internal sealed class TestKeyContext(bool isDryRun = false) : CacheKeyContext
{
    public List<string> Resolved { get; } = [];

    public override string StageName => "Test.Stage";

    public override bool IsDryRun => isDryRun;

    public override CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    public override void Log(string message)
    {
    }

    public override Task<string> ResolveOnceAsync(string key, Func<CancellationToken, Task<string>> resolve)
    {
        Resolved.Add(key);
        return resolve(CancellationToken);
    }
}
