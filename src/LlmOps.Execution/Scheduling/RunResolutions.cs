using System.Collections.Concurrent;

namespace LlmOps.Execution;

/// <summary>
/// What features resolved for cache keys during one run (an image pulled or built, by description), so that every
/// stage on the same image shares one pull. It lives with the run, not on the definition, so two runs in one process
/// never see each other's answers.
/// </summary>
internal sealed class RunResolutions
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _values = new(StringComparer.Ordinal);

    public async Task<string> ResolveOnceAsync(string key, Func<CancellationToken, Task<string>> resolve, CancellationToken cancellationToken)
    {
        var lazy = _values.GetOrAdd(key, _ => new Lazy<Task<string>>(() => resolve(cancellationToken)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch
        {
            // A failure is not remembered: the next stage that needs the image tries again.
            _values.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, lazy));
            throw;
        }
    }
}
