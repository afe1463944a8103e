using System.Collections.Concurrent;
using System.Diagnostics;
using LlmOps.Dsl;
using LlmOps.Planning;
using LlmOps.Runtime;

namespace LlmOps.Execution;

/// <summary>
/// One run's scheduling: a task per stage that waits for its predecessors, takes a slot, asks the
/// <see cref="StageDecider"/>, and on "run" makes a <see cref="StageAttempt"/> and a <see cref="StageCommit"/>. It
/// keeps the run record and tells observers; the decision, the attempt and the commit know nothing of each other.
/// </summary>
internal sealed class StageRun
{
    private readonly RunEnvironment _environment;
    private readonly IRunReporter _reporter;
    private readonly SecretMasker _masker;
    private readonly IReadOnlyList<IRunObserver> _observers;
    private readonly ExecutionPlan _plan;
    private readonly RunRecord _record;
    private readonly CancellationToken _cancellationToken;
    private readonly ConcurrentDictionary<PlannedStage, StageOutcome> _outcomes = new();
    private readonly SemaphoreSlim _slots;
    private readonly StageDecider _decider;
    private readonly StageCommit _commit;
    private volatile bool _stopped;
    private long _lastSave;

    public StageRun(RunEnvironment environment, IRunReporter reporter, SecretMasker masker, IReadOnlyList<IRunObserver> observers, ExecutionPlan plan, RunRecord record, CancellationToken cancellationToken)
    {
        (_environment, _reporter, _masker, _observers, _plan, _record, _cancellationToken) = (environment, reporter, masker, observers, plan, record, cancellationToken);
        _slots = new(Math.Max(1, environment.Options.Parallelism));
        _decider = new StageDecider(environment, plan, isDryRun: false, new RunResolutions(), line => reporter.Info(masker.Mask(line)))
        {
            OutcomeOf = e => _outcomes.GetValueOrDefault(e),
            Stopped = () => _stopped,
            Services = Service,
        };
        _commit = new StageCommit(environment);
    }

    // Each stage's task runs on the loop's thread up to its first wait, so the stages ready from the start queue for
    // a slot in plan order (a run's order does not hang on how the thread pool picks up work). The loop runs on the
    // pool, without the caller's synchronization context, so no continuation waits for a caller that blocks.
    public Task ExecuteAllAsync() => Task.Run(() =>
    {
        var tasks = new Dictionary<PlannedStage, Task>();
        foreach (var entry in _plan.Stages)
        {
            tasks[entry] = RunAfterAsync(entry, entry.Predecessors.Select(p => tasks[p]).ToArray());
        }

        return Task.WhenAll(tasks.Values);
    });

    private async Task RunAfterAsync(PlannedStage entry, Task[] predecessors)
    {
        await Task.WhenAll(predecessors);
        _outcomes[entry] = await DecideAndRunAsync(entry);
    }

    private StageRecord RecordOf(PlannedStage entry) => _record.Stages.First(s => s.Id == entry.Id);

    // The slot covers the decision too: resolving a key may pull or build an image, which counts against --parallel.
    // A failure is recorded before the slot is let go, so a stage waiting for the slot sees that the run stopped.
    private async Task<StageOutcome> DecideAndRunAsync(PlannedStage entry)
    {
        await _slots.WaitAsync(CancellationToken.None);
        try
        {
            // Off the scheduling loop's thread: deciding may hash inputs for a while.
            await Task.Yield();
            return await DecideAndRunInSlotAsync(entry);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_cancellationToken.IsCancellationRequested)
        {
            // The store or an export failed outside the stage body (disk full, a bad --export path): the stage
            // fails with the reason, and the run goes on to record every other stage, instead of crashing.
            return Fail(entry, RecordOf(entry), FileErrors.IsDiskFull(e) ? $"no space left on device: {e.Message}" : $"{e.GetType().Name}: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            return Finish(entry, RecordOf(entry), StageStatus.Cancelled, "cancelled (Ctrl+C)");
        }
        finally
        {
            _slots.Release();
            _environment.Options.SlotFreed?.Invoke(entry.Id);
        }
    }

    private async Task<StageOutcome> DecideAndRunInSlotAsync(PlannedStage entry)
    {
        var stageRecord = RecordOf(entry);
        stageRecord.DecisionStartedAt = DateTimeOffset.UtcNow;
        var deciding = Stopwatch.StartNew();
        var decision = await _decider.DecideAsync(entry, _cancellationToken);
        stageRecord.DecisionSeconds = deciding.Elapsed.TotalSeconds;
        stageRecord.CacheKey = decision.Key?.Value;
        switch (decision.Kind)
        {
            case DecisionKind.Skip:
                return Finish(entry, stageRecord, StageStatus.Skipped, decision.Reason);
            case DecisionKind.Cancelled:
                return Finish(entry, stageRecord, StageStatus.Cancelled, decision.Reason);
            case DecisionKind.NotRun:
                return Finish(entry, stageRecord, StageStatus.NotRun, decision.Reason);
            case DecisionKind.Cached:
                foreach (var (name, hash) in decision.Hit!.Outputs)
                {
                    _commit.Publish(entry, name, hash);
                }

                stageRecord.Outputs = decision.Hit.Outputs.ToDictionary();
                return Finish(entry, stageRecord, StageStatus.Cached, decision.Reason, decision.Hit.Outputs);
            case DecisionKind.Run when _environment.Options.CachedOnly:
                return Finish(entry, stageRecord, StageStatus.NotRun, $"not cached ({decision.Reason}); --cached-only runs nothing");
            case DecisionKind.Run when _stopped && !entry.Stage.Definition.IsAssuredAfterFailure:
                // Computing the key can take minutes (an image build); a stage that failed meanwhile stops this one.
                return Finish(entry, stageRecord, StageStatus.NotRun, "an earlier stage failed");
            case DecisionKind.Run:
                return await ExecuteAsync(entry, stageRecord, decision);
            default:
                return Fail(entry, stageRecord, decision.Reason);
        }
    }

    private async Task<StageOutcome> ExecuteAsync(PlannedStage entry, StageRecord stageRecord, StageDecision decision)
    {
        var key = decision.Key!;
        var why = _masker.Mask(decision.Reason);
        var runDirectory = _environment.Runs.RunDirectory(_record.RunId);
        var logPath = Path.Combine(runDirectory, "logs", entry.Id + ".log");
        stageRecord.Log = Path.GetRelativePath(runDirectory, logPath);
        stageRecord.Status = StageStatus.Running;
        stageRecord.StartedAt = DateTimeOffset.UtcNow;
        stageRecord.Reason = why;
        SaveRecord(urgent: false);
        _reporter.StageStatus(entry.Id, StageStatus.Running, $"run ({why})");
        await ObserverCalls.NotifyAsync(_observers, _reporter, _masker, o => o.StageStartedAsync(_record, entry));

        var temp = Path.Combine(_environment.TempDirectory(_record.RunId), entry.Id);
        var work = Path.Combine(temp, "work");
        var outputs = Path.Combine(temp, "out");
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(outputs);
        Dictionary<string, string> inputDirectories;
        try
        {
            using var span = StageSpans.Start("inputs", type => Service(entry, type));
            inputDirectories = decision.Inputs!.ToDictionary(kv => kv.Key, kv => _environment.Store.Materialize(kv.Value));
        }
        catch (StoreDamageException e)
        {
            return Fail(entry, stageRecord, $"an input artifact is damaged: {e.Message}; run its producer again (--no-cache on it)");
        }

        await using var attempt = new StageAttempt(entry, logPath, _masker, _reporter, _environment.Options.CancelGrace);
        attempt.WriteLog($"re-run reason: {why}; cache key {key.Value}");
        LocalStageContext? context = null;
        StageAttempt.Result result;
        using (var body = StageSpans.Start("body", type => Service(entry, type)))
        {
            result = await attempt.RunAsync(
                token => context = new LocalStageContext(
                    entry.Stage, _record.RunId, _environment.Options.RootDirectory, work, outputs, inputDirectories, token, attempt.WriteLog,
                    (name, value, step) => Metric(entry, name, value, step),
                    markdown => Summarize(entry, markdown),
                    ServiceEnvironment(entry),
                    key.Components,
                    type => Service(entry, type),
                    annotation => Annotate(entry, attempt, annotation)),
                _environment.Options.RootDirectory,
                _cancellationToken,
                _environment.Options.OutputsFrom is { } ranElsewhere ? () => ExternalOutputs.CopyInto(entry, ranElsewhere, outputs, attempt.WriteLog) : null);
            body?.SetStatus(result.Ending == StageAttempt.Ending.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        }

        stageRecord.Metrics = context!.Metrics.ToDictionary();
        stageRecord.Seconds = result.Elapsed.TotalSeconds;
        switch (result.Ending)
        {
            case StageAttempt.Ending.Cancelled:
                return Finish(entry, stageRecord, StageStatus.Cancelled, "cancelled (Ctrl+C)", seconds: result.Elapsed);
            case StageAttempt.Ending.Failed:
                return Fail(entry, stageRecord, result.Failure!, result.Elapsed);
        }

        if (InputDamage(decision.Inputs!) is { } changed)
        {
            return Fail(entry, stageRecord, changed, result.Elapsed);
        }

        IReadOnlyDictionary<string, string>? produced;
        string? failure;
        using (StageSpans.Start("commit", type => Service(entry, type)))
        {
            (produced, failure) = _commit.Commit(entry, outputs, key, _record.RunId, attempt.WriteLog);
        }

        if (produced is null)
        {
            return Fail(entry, stageRecord, failure!, result.Elapsed);
        }

        stageRecord.Outputs = produced.ToDictionary();
        return Finish(entry, stageRecord, StageStatus.Succeeded, $"ran: {why}", produced, result.Elapsed);
    }

    // Inputs are read-only by file mode only, which root ignores: a stage that changed one fails rather than store a
    // result computed from who knows what, and the changed tree is dropped so the next reader gets a fresh one.
    private string? InputDamage(IReadOnlyDictionary<string, string> inputs)
    {
        foreach (var (name, hash) in inputs)
        {
            if (_environment.Store.TreeDamage(hash) is { } damage)
            {
                return $"it changed its input artifact '{name}' ({damage}); inputs are read-only, write changed copies to an output instead";
            }
        }

        return null;
    }

    private void Metric(PlannedStage entry, string name, double value, long step) =>
        ObserverCalls.Notify(_observers, _reporter, _masker, o => o.Metric(entry.Id, name, value, step));

    // In the stage log as a plain line (the log is read without a CI host), and to the reporter in the host's syntax.
    private void Annotate(PlannedStage entry, StageAttempt attempt, Annotation annotation)
    {
        var root = _environment.Options.RootDirectory;
        attempt.WriteLog(CiAnnotations.Format(annotation, root, CiHost.None));
        if (_environment.Options.CiHost != CiHost.None)
        {
            _reporter.Annotation(entry.Id, _masker.Mask(CiAnnotations.Format(annotation, root, _environment.Options.CiHost)));
        }
    }

    private void Summarize(PlannedStage entry, string markdown)
    {
        var masked = _masker.Mask(markdown);
        var path = Path.Combine(_environment.Runs.RunDirectory(_record.RunId), "summaries", entry.Id + ".md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, masked + Environment.NewLine);
        _environment.Options.Summaries?.Publish(entry.Id, masked, path);
    }

    // The first source that offers the type wins; a source that throws is a bug in it, reported to the body as such.
    private object? Service(PlannedStage entry, Type type) =>
        type == typeof(RunVariables) ? _environment.Options.Variables : _observers.OfType<IStageServiceSource>().Select(source => source.ServiceFor(entry.Id, type)).FirstOrDefault(service => service is not null);

    private List<ProcessVariable> ServiceEnvironment(PlannedStage entry)
    {
        var variables = new List<ProcessVariable>();
        foreach (var source in _observers.OfType<IStageEnvironmentSource>())
        {
            try
            {
                variables.AddRange(source.EnvironmentFor(entry.Id));
            }
            catch (Exception e)
            {
                _reporter.Info(_masker.Mask($"warning: {source.GetType().Name} failed: {e.Message}"));
            }
        }

        foreach (var secret in variables.Where(v => v.IsSecret))
        {
            _masker.Add(secret.Value);
        }

        return variables;
    }

    private StageOutcome Fail(PlannedStage entry, StageRecord stageRecord, string reason, TimeSpan? seconds = null)
    {
        if (!entry.Stage.Definition.ProceedsAfterFailure)
        {
            _stopped = true;
        }

        return Finish(entry, stageRecord, StageStatus.Failed, reason, seconds: seconds);
    }

    private StageOutcome Finish(PlannedStage entry, StageRecord stageRecord, StageStatus status, string reason, IReadOnlyDictionary<string, string>? outputs = null, TimeSpan? seconds = null)
    {
        stageRecord.Status = status;
        stageRecord.Reason = _masker.Mask(reason);
        stageRecord.FinishedAt = DateTimeOffset.UtcNow;
        stageRecord.Seconds = seconds?.TotalSeconds;
        SaveRecord(urgent: status is StageStatus.Failed);
        _reporter.StageStatus(entry.Id, status, stageRecord.Reason);
        var outcome = new StageOutcome(status, outputs ?? new Dictionary<string, string>());
        if (_observers.Count == 0)
        {
            return outcome;
        }

        var directories = new MaterializedArtifacts(outcome.Outputs, _environment.Store);
        ObserverCalls.NotifyAsync(_observers, _reporter, _masker, o => o.StageFinishedAsync(_record, entry, stageRecord, directories)).GetAwaiter().GetResult();
        return outcome;
    }

    // Failures are saved at once; other changes at most every 250 ms, so a run of a thousand short stages does not
    // rewrite run.json thousands of times. Resuming relies on the cache entries, which are durable per stage. A save
    // that fails (disk full) must not turn a stage's ending into a crash: the executor saves again at the end and
    // reports there if it still cannot.
    private void SaveRecord(bool urgent)
    {
        var now = Environment.TickCount64;
        if (urgent || now - Interlocked.Read(ref _lastSave) > 250)
        {
            Interlocked.Exchange(ref _lastSave, now);
            try
            {
                _environment.Runs.Save(_record);
            }
            catch (Exception e) when (FileErrors.NotWritableReason(e) is not null)
            {
                _reporter.Info(_masker.Mask($"warning: could not save the run record: {e.Message}"));
            }
        }
    }
}
