using System.Diagnostics;
using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>
/// One attempt at a stage's body: a private work folder, the log, the time limit and its grace period. It knows
/// nothing of the cache or the store; <see cref="StageCommit"/> keeps what the attempt left.
/// </summary>
/// <param name="entry">The stage.</param>
/// <param name="logPath">The stage's log file.</param>
/// <param name="masker">Masks secrets in the log.</param>
/// <param name="reporter">Where log lines are shown.</param>
/// <param name="cleanupGrace">How long a cancelled or timed-out body may take to clean up before it is abandoned.</param>
internal sealed class StageAttempt(PlannedStage entry, string logPath, SecretMasker masker, IRunReporter reporter, TimeSpan cleanupGrace) : IAsyncDisposable
{
    private readonly StreamWriter _log = new(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    private readonly Lock _logGate = new();

    /// <summary>How the attempt ended.</summary>
    public enum Ending
    {
        /// <summary>The body returned.</summary>
        Succeeded,

        /// <summary>The body failed or timed out; <see cref="Result.Failure"/> says how.</summary>
        Failed,

        /// <summary>Ctrl+C.</summary>
        Cancelled,
    }

    /// <summary>What the attempt left: its ending, the failure in words, and its time.</summary>
    public sealed record Result(Ending Ending, string? Failure, TimeSpan Elapsed);

    /// <summary>Writes a line to the stage's log and the console, secrets masked.</summary>
    public void WriteLog(string line)
    {
        var masked = masker.Mask(line);
        lock (_logGate)
        {
            _log.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {masked}");
        }

        reporter.StageLog(entry.Id, masked);
    }

    /// <summary>Runs the body with the stage's time limit; <paramref name="makeContext"/> builds its context over the linked token.</summary>
    /// <param name="makeContext">Builds the body's context.</param>
    /// <param name="rootDirectory">The repository root, for paths in messages.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <param name="ranElsewhere">When the body ran outside this process (<see cref="ExecutionOptions.OutputsFrom"/>): what takes its outputs instead.</param>
    public async Task<Result> RunAsync(Func<CancellationToken, StageContext> makeContext, string rootDirectory, CancellationToken cancellationToken, Action? ranElsewhere = null)
    {
        var definition = entry.Stage.Definition;
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        // CancelAfter takes at most int.MaxValue ms (about 24.8 days); longer limits are as good as none.
        if (definition.TimeoutValue is { } limit && limit < TimeSpan.FromMilliseconds(int.MaxValue))
        {
            timeout.CancelAfter(limit);
        }

        var context = makeContext(linked.Token);
        try
        {
            if (ranElsewhere is not null)
            {
                ranElsewhere();
            }
            else if (definition.Body is { } body)
            {
                // WaitAsync enforces the timeout and Ctrl+C even for a body that never looks at its token. A body that
                // does look gets a grace period to clean up (a container stage stops and removes its container); one
                // that does not is abandoned (it cannot be killed in-process) and its outputs are discarded.
                // A thread of its own: a body that blocks (a synchronous tool call, Thread.Sleep) would otherwise hold
                // a pool thread, and with more such bodies than the pool has threads the timers that fire the limits
                // and the grace queue behind them (24 bodies on 2 cores: a 1 s limit fired after 5 to 9 s). A body
                // that blocks after an await is back on the pool; that is the body's doing, not the executor's.
                var running = Task.Factory.StartNew(() => body.RunAsync(context, definition), linked.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
                try
                {
                    await running.WaitAsync(linked.Token);
                }
                catch (OperationCanceledException) when (linked.IsCancellationRequested && !running.IsCompleted)
                {
                    var stopping = watch.Elapsed;
                    if (await Task.WhenAny(running, Task.Delay(cleanupGrace, CancellationToken.None)) != running)
                    {
                        WriteLog($"the stage did not stop within its {Seconds(cleanupGrace)} grace period (--cancel-grace); abandoned it");
                    }
                    else
                    {
                        WriteLog($"the stage stopped {Seconds(watch.Elapsed - stopping)} after it was told to");
                    }

                    throw;
                }
            }

            return new Result(Ending.Succeeded, null, watch.Elapsed);
        }
        catch (StageFailedException e)
        {
            return Failed(e.Message, watch);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // The limit and the time it really took: a body that needs its grace period to stop ends later.
            return Failed($"timed out: its limit is {Seconds(definition.TimeoutValue!.Value)}, and it was stopped after {Seconds(watch.Elapsed)}", watch);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new Result(Ending.Cancelled, null, watch.Elapsed);
        }
        catch (Exception e)
        {
            lock (_logGate)
            {
                _log.WriteLine(masker.Mask(e.ToString()));
            }

            return Failed($"{e.GetType().Name}: {e.Message} (stack trace in {Path.GetRelativePath(rootDirectory, logPath)})", watch);
        }
    }

    public ValueTask DisposeAsync() => _log.DisposeAsync();

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture)} s";

    private Result Failed(string failure, Stopwatch watch)
    {
        WriteLog($"failed: {failure}");
        return new Result(Ending.Failed, failure, watch.Elapsed);
    }
}
