using System.Collections.Concurrent;
using System.Diagnostics;
using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Execution;

/// <summary>One run's scheduling state: a task per stage that waits for its predecessors, then decides and executes.</summary>
internal sealed class StageRun(
    RunEnvironment environment,
    IRunReporter reporter,
    SecretMasker masker,
    IReadOnlyList<IRunObserver> observers,
    ExecutionPlan plan,
    RunRecord record,
    CancellationToken cancellationToken)
{
    // How long a cancelled or timed-out stage body may take to clean up before it is abandoned.
    private static readonly TimeSpan CleanupGrace = TimeSpan.FromSeconds(20);

    private static readonly Lock JobSummaryLock = new();

    private readonly ConcurrentDictionary<PlannedStage, StageOutcome> _outcomes = new();
    private readonly SemaphoreSlim _slots = new(Math.Max(1, environment.Options.Parallelism));
    private readonly InputResolver _inputs = new(environment);
    private volatile bool _stopped;
    private long _lastSave;

    public async Task ExecuteAllAsync()
    {
        var tasks = new Dictionary<PlannedStage, Task>();
        foreach (var entry in plan.Stages)
        {
            var predecessors = entry.Predecessors.Select(p => tasks[p]).ToArray();
            tasks[entry] = Task.Run(async () =>
            {
                await Task.WhenAll(predecessors);
                try
                {
                    _outcomes[entry] = await DecideAndRunAsync(entry);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The store or an export failed outside the stage body (disk full, a bad --export path): the stage
                    // fails with the reason, and the run goes on to record every other stage, instead of crashing.
                    _outcomes[entry] = Fail(entry, RecordOf(entry), $"{e.GetType().Name}: {e.Message}");
                }
                catch (OperationCanceledException)
                {
                    _outcomes[entry] = Finish(entry, RecordOf(entry), StageStatus.Cancelled, "cancelled (Ctrl+C)");
                }
            });
        }

        await Task.WhenAll(tasks.Values);
    }

    private StageRecord RecordOf(PlannedStage entry) => record.Stages.First(s => s.Id == entry.Id);

    private async Task<StageOutcome> DecideAndRunAsync(PlannedStage entry)
    {
        var stageRecord = RecordOf(entry);
        var definition = entry.Stage.Definition;
        if (entry.SkipReason is not null)
        {
            return Finish(entry, stageRecord, StageStatus.Skipped, entry.SkipReason);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Finish(entry, stageRecord, StageStatus.Cancelled, "the run was cancelled");
        }

        if (!definition.IsAssuredAfterFailure)
        {
            var failed = entry.Dependencies.FirstOrDefault(d => _outcomes.GetValueOrDefault(d) is { IsFailure: true });
            if (failed is not null)
            {
                return Finish(entry, stageRecord, StageStatus.NotRun, $"{failed.Id} did not succeed");
            }

            if (_stopped)
            {
                return Finish(entry, stageRecord, StageStatus.NotRun, "an earlier stage failed");
            }
        }

        foreach (var condition in definition.DynamicConditions)
        {
            bool holds;
            try
            {
                holds = condition.Evaluate();
            }
            catch (Exception e)
            {
                return Fail(entry, stageRecord, $"evaluating OnlyWhenDynamic({condition.Text}) failed: {e.Message}");
            }

            if (!holds)
            {
                return Finish(entry, stageRecord, StageStatus.Skipped, $"condition '{condition.Text}' is false");
            }
        }

        var (inputs, problem) = _inputs.Resolve(entry, plan, e => _outcomes.GetValueOrDefault(e));
        if (inputs is null)
        {
            return Fail(entry, stageRecord, problem!);
        }

        CacheKey key;
        try
        {
            key = environment.Keys.Build(entry.Stage, inputs);
        }
        catch (Exception e) when (e is StageFailedException or IOException or InvalidOperationException)
        {
            return Fail(entry, stageRecord, $"computing the cache key failed: {e.Message}");
        }

        stageRecord.CacheKey = key.Value;
        var (hit, why) = CacheLookup.Find(environment, entry, key);
        if (hit is not null)
        {
            foreach (var (name, hash) in hit.Outputs)
            {
                environment.Store.SetRef(entry.Stage.Pipeline.Name, name, hash);
                Export(name, hash);
            }

            stageRecord.Outputs = hit.Outputs.ToDictionary();
            return Finish(entry, stageRecord, StageStatus.Cached, $"cached (key {key.Short}, from run {hit.RunId})", hit.Outputs);
        }

        await _slots.WaitAsync(CancellationToken.None);
        try
        {
            return await ExecuteAsync(entry, stageRecord, key, inputs, why);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<StageOutcome> ExecuteAsync(PlannedStage entry, StageRecord stageRecord, CacheKey key, Dictionary<string, string> inputs, string why)
    {
        var definition = entry.Stage.Definition;
        var runDirectory = environment.Runs.RunDirectory(record.RunId);
        var logPath = Path.Combine(runDirectory, "logs", entry.Id + ".log");
        stageRecord.Log = Path.GetRelativePath(runDirectory, logPath);
        stageRecord.Status = StageStatus.Running;
        stageRecord.StartedAt = DateTimeOffset.UtcNow;
        why = masker.Mask(why);
        stageRecord.Reason = why;
        SaveRecord(urgent: false);
        reporter.StageStatus(entry.Id, StageStatus.Running, $"run ({why})");
        await ObserverCalls.NotifyAsync(observers, reporter, masker, o => o.StageStartedAsync(record, entry));

        var temp = Path.Combine(environment.TempDirectory(record.RunId), entry.Id);
        var work = Path.Combine(temp, "work");
        var outputs = Path.Combine(temp, "out");
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(outputs);
        var inputDirectories = inputs.ToDictionary(kv => kv.Key, kv => environment.Store.Materialize(kv.Value));
        var watch = Stopwatch.StartNew();

        await using var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        var logGate = new Lock();
        void WriteLog(string line)
        {
            var masked = masker.Mask(line);
            lock (logGate)
            {
                log.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {masked}");
            }

            reporter.StageLog(entry.Id, masked);
        }

        WriteLog($"re-run reason: {why}; cache key {key.Value}");
        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        if (definition.TimeoutValue is { } limit)
        {
            // CancelAfter takes at most int.MaxValue ms (about 24.8 days); longer limits are as good as none.
            if (limit < TimeSpan.FromMilliseconds(int.MaxValue))
            {
                timeout.CancelAfter(limit);
            }
        }

        var context = new LocalStageContext(
            entry.Stage, record.RunId, environment.Options.RootDirectory, work, outputs, inputDirectories, linked.Token, WriteLog,
            (name, value, step) => Metric(entry, name, value, step),
            markdown => Summarize(entry, markdown),
            ServiceEnvironment(entry));

        string? failure = null;
        try
        {
            if (definition.Action is { } action)
            {
                // WaitAsync enforces the timeout and Ctrl+C even for a body that never looks at its token. A body that
                // does look gets a grace period to clean up (a container stage stops and removes its container); one
                // that does not is abandoned (it cannot be killed in-process) and its outputs are discarded.
                var body = Task.Run(() => action(context), linked.Token);
                try
                {
                    await body.WaitAsync(linked.Token);
                }
                catch (OperationCanceledException) when (linked.IsCancellationRequested && !body.IsCompleted)
                {
                    await Task.WhenAny(body, Task.Delay(CleanupGrace, CancellationToken.None));
                    throw;
                }
            }
        }
        catch (StageFailedException e)
        {
            failure = e.Message;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            failure = $"timed out after {definition.TimeoutValue}";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stageRecord.Metrics = context.Metrics.ToDictionary();
            return Finish(entry, stageRecord, StageStatus.Cancelled, "cancelled (Ctrl+C)", watch: watch);
        }
        catch (Exception e)
        {
            lock (logGate)
            {
                log.WriteLine(masker.Mask(e.ToString()));
            }

            failure = $"{e.GetType().Name}: {e.Message} (stack trace in {Path.GetRelativePath(environment.Options.RootDirectory, logPath)})";
        }

        stageRecord.Metrics = context.Metrics.ToDictionary();
        if (failure is not null)
        {
            WriteLog($"failed: {failure}");
            return Fail(entry, stageRecord, failure, watch);
        }

        var produced = new Dictionary<string, string>();
        foreach (var artifact in definition.ProducedArtifacts)
        {
            var staging = Path.Combine(outputs, artifact.Name);
            if (!Directory.Exists(staging))
            {
                return Fail(entry, stageRecord, $"it declares .Produces({artifact.Name}) but did not write it (call ctx.Output({artifact.Name}) and write files there)", watch);
            }

            var (hash, manifest) = environment.Store.Ingest(staging, artifact.Name, artifact.Kind);
            produced[artifact.Name] = hash;
            environment.Store.SetRef(entry.Stage.Pipeline.Name, artifact.Name, hash);
            Export(artifact.Name, hash);
            WriteLog($"stored artifact {artifact.Name}: {manifest.Files.Count} file(s), {manifest.TotalSize:N0} bytes, {hash[..12]}");
        }

        environment.Cache.Record(new CacheEntry(entry.Id, key.Value, key.Components, produced, record.RunId, DateTimeOffset.UtcNow, environment.Keys.ExternalOutputs(entry.Stage)));
        stageRecord.Outputs = produced;
        return Finish(entry, stageRecord, StageStatus.Succeeded, $"ran: {why}", produced, watch);
    }

    private void Export(string name, string hash)
    {
        if (environment.Options.ExportDirectory is { } exports)
        {
            environment.Store.Export(hash, Path.Combine(exports, name));
        }
    }

    private void Metric(PlannedStage entry, string name, double value, long step) =>
        ObserverCalls.Notify(observers, reporter, masker, o => o.Metric(entry.Id, name, value, step));

    private void Summarize(PlannedStage entry, string markdown)
    {
        var masked = masker.Mask(markdown);
        var path = Path.Combine(environment.Runs.RunDirectory(record.RunId), "summaries", entry.Id + ".md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, masked + Environment.NewLine);
        if (environment.Options.StepSummaryFile is { } jobSummary)
        {
            // Parallel stages append to the one job summary; unserialised, one append could fail on the other's
            // file lock or land in the middle of it.
            lock (JobSummaryLock)
            {
                File.AppendAllText(jobSummary, masked + Environment.NewLine);
            }
        }
        else if (environment.Options.UploadsAzureSummaries)
        {
            reporter.Info($"##vso[task.uploadsummary]{path}");
        }
    }

    private List<ProcessVariable> ServiceEnvironment(PlannedStage entry)
    {
        var variables = new List<ProcessVariable>();
        foreach (var source in observers.OfType<IStageEnvironmentSource>())
        {
            try
            {
                variables.AddRange(source.EnvironmentFor(entry.Id));
            }
            catch (Exception e)
            {
                reporter.Info(masker.Mask($"warning: {source.GetType().Name} failed: {e.Message}"));
            }
        }

        foreach (var secret in variables.Where(v => v.IsSecret))
        {
            masker.Add(secret.Value);
        }

        return variables;
    }

    private StageOutcome Fail(PlannedStage entry, StageRecord stageRecord, string reason, Stopwatch? watch = null)
    {
        if (!entry.Stage.Definition.ProceedsAfterFailure)
        {
            _stopped = true;
        }

        return Finish(entry, stageRecord, StageStatus.Failed, reason, watch: watch);
    }

    private StageOutcome Finish(PlannedStage entry, StageRecord stageRecord, string status, string reason, IReadOnlyDictionary<string, string>? outputs = null, Stopwatch? watch = null)
    {
        stageRecord.Status = status;
        stageRecord.Reason = masker.Mask(reason);
        stageRecord.FinishedAt = DateTimeOffset.UtcNow;
        stageRecord.Seconds = watch?.Elapsed.TotalSeconds;
        SaveRecord(urgent: status is StageStatus.Failed);
        reporter.StageStatus(entry.Id, status, stageRecord.Reason);
        if (observers.Count == 0)
        {
            return new StageOutcome(status, outputs ?? new Dictionary<string, string>());
        }

        var directories = new MaterializedArtifacts(outputs ?? new Dictionary<string, string>(), environment.Store);
        ObserverCalls.NotifyAsync(observers, reporter, masker, o => o.StageFinishedAsync(record, entry, stageRecord, directories)).GetAwaiter().GetResult();
        return new StageOutcome(status, outputs ?? new Dictionary<string, string>());
    }

    // Failures are saved at once; other changes at most every 250 ms, so a run of a thousand short stages does not
    // rewrite run.json thousands of times. Resuming relies on the cache entries, which are durable per stage.
    private void SaveRecord(bool urgent)
    {
        var now = Environment.TickCount64;
        if (urgent || now - Interlocked.Read(ref _lastSave) > 250)
        {
            Interlocked.Exchange(ref _lastSave, now);
            environment.Runs.Save(record);
        }
    }
}
