using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>
/// Runs an <see cref="ExecutionPlan"/> in this process: independent stages in parallel, cached stages from the
/// store, failures stopping what depends on them, and a run record written after every change of state.
/// </summary>
public sealed class LocalExecutor
{
    private readonly RunEnvironment _environment;
    private readonly IRunReporter _reporter;
    private readonly SecretMasker _masker;
    private readonly IReadOnlyList<IRunObserver> _observers;

    /// <summary>Creates an executor.</summary>
    public LocalExecutor(RunEnvironment environment, IRunReporter reporter, SecretMasker masker, IReadOnlyList<IRunObserver>? observers = null)
    {
        _environment = environment;
        _reporter = reporter;
        _masker = masker;
        _observers = observers ?? [];
    }

    /// <summary>Runs the plan; the returned record says how every stage ended.</summary>
    public async Task<RunRecord> RunAsync(ExecutionPlan plan, CancellationToken cancellationToken)
    {
        var options = _environment.Options;
        // Waiting for the lock can take minutes; it happens off the caller's thread so RunAsync returns a task at once.
        using var repoLock = await Task.Run(() => RepoLock.Acquire(options.StateDirectory, options.RunId, options.LockWait, _reporter.Info, cancellationToken), cancellationToken);
        _environment.CleanStaleTemp(options.RunId);

        var record = new RunRecord
        {
            RunId = options.RunId,
            ProcessId = Environment.ProcessId,
            Arguments = options.Arguments,
            Targets = plan.Targets.Select(t => t.Id).ToList(),
            StartedAt = DateTimeOffset.UtcNow,
            Parameters = plan.Stages.Select(s => s.Stage.Pipeline).Distinct()
                .SelectMany(p => p.Parameters.Select(x => (Key: $"{p.Name}.{x.Name}", Value: $"{x.DisplayValue} ({x.Source})")))
                .ToDictionary(x => x.Key, x => x.Value),
            Stages = plan.Stages.Select(s => new StageRecord { Id = s.Id }).ToList(),
        };
        Directory.CreateDirectory(Path.Combine(_environment.Runs.RunDirectory(record.RunId), "logs"));
        _environment.Runs.Save(record);
        _reporter.Info($"Run {record.RunId}: {plan.Stages.Count} stage(s), up to {Math.Max(1, options.Parallelism)} at a time. Record: {Relative(Path.Combine(_environment.Runs.RunDirectory(record.RunId), "run.json"))}");
        await ObserverCalls.NotifyAsync(_observers, _reporter, _masker, o => o.RunStartedAsync(record, plan));

        var run = new StageRun(_environment, _reporter, _masker, _observers, plan, record, cancellationToken);
        try
        {
            await run.ExecuteAllAsync();
        }
        finally
        {
            record.FinishedAt = DateTimeOffset.UtcNow;
            record.Status = cancellationToken.IsCancellationRequested ? RunStatus.Interrupted
                : record.Stages.Any(s => s.Status is StageStatus.Failed or StageStatus.NotRun or StageStatus.Cancelled or StageStatus.Pending or StageStatus.Running) ? RunStatus.Failed
                : RunStatus.Succeeded;
            // The run's temporary files go first: on a full disk they are what frees the room for run.json.
            TryDelete(_environment.TempDirectory(record.RunId));
            SaveFinalState(record);
            await ObserverCalls.NotifyAsync(_observers, _reporter, _masker, o => o.RunFinishedAsync(record));
        }
        return record;
    }

    // A disk that filled up during the run must not turn its end into a crash (exit 134 and a stack trace): the run
    // fails, naming the reason. The store needs nothing from here: every object and cache entry is already whole.
    private void SaveFinalState(RunRecord record)
    {
        try
        {
            _environment.Runs.Save(record);
            _environment.Hashes.Save();
        }
        catch (Exception e) when (FileErrors.NotWritableReason(e) is { } reason)
        {
            if (record.Status == RunStatus.Succeeded)
            {
                record.Status = RunStatus.Failed;
            }

            _reporter.Info(_masker.Mask($"error: could not save the run record ({reason}): {e.Message}"));
        }
    }

    private string Relative(string path) => Path.GetRelativePath(_environment.Options.RootDirectory, path);

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
