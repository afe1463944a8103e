namespace LlmOps.Execution;

/// <summary>
/// Calls observers so that one that throws costs a masked warning, never the run (see <see cref="IRunObserver"/>).
/// Shared by the executor (run start and end) and the stage scheduler (stage events, metrics).
/// </summary>
internal static class ObserverCalls
{
    public static async Task NotifyAsync(IReadOnlyList<IRunObserver> observers, IRunReporter reporter, SecretMasker masker, Func<IRunObserver, Task> call)
    {
        foreach (var observer in observers)
        {
            try
            {
                await call(observer);
            }
            catch (Exception e)
            {
                Warn(reporter, masker, observer, e);
            }
        }
    }

    public static void Notify(IReadOnlyList<IRunObserver> observers, IRunReporter reporter, SecretMasker masker, Action<IRunObserver> call)
    {
        foreach (var observer in observers)
        {
            try
            {
                call(observer);
            }
            catch (Exception e)
            {
                Warn(reporter, masker, observer, e);
            }
        }
    }

    private static void Warn(IRunReporter reporter, SecretMasker masker, IRunObserver observer, Exception e) =>
        reporter.Info(masker.Mask($"warning: {observer.GetType().Name} failed: {e.Message}"));
}
