using System.Collections.Concurrent;
using LlmOps.Execution;
using LlmOps.Planning;
using LlmOps.Tracking;
using LlmOps.Tracking.Batching;
using LlmOps.Tracking.Registry;
using TrackingStatus = LlmOps.Tracking.RunStatus;

namespace LlmOps.Cli.Tracking;

/// <summary>
/// Makes every run observable in MLflow or the embedded local tracker: a parent run per pipeline run, a nested run
/// per executed stage with its parameters, metrics (batched), produced artifacts and, for packages, a model version,
/// and a nested run per stage taken from the cache that says where its outputs came from (<see cref="CachedStageRecorder"/>).
/// Where the run was tracked is kept in its run folder (<see cref="TrackedRunFiles"/>), so runs of a killed process
/// are ended on the next start (<see cref="AbandonedTrackedRuns"/>). The first tracker failure switches tracking off for the rest of the run with one warning, so a tracker that is
/// down costs one timeout, not one per call, and never fails the pipeline. Running stages get the tracker's model
/// registry (<see cref="StageContextRegistryExtensions.ModelRegistry"/>), scoped to the runs of this pipeline run.
/// </summary>
public sealed class TrackingObserver : IRunObserver, IStageEnvironmentSource, IStageServiceSource
{
    private readonly ITracker _tracker;
    private readonly TrackingContext _context;
    private readonly Action<string> _warn;
    private readonly RunEnvironment _environment;
    private readonly TrackedRunFiles _files;
    private readonly CachedStageRecorder _cached;
    private readonly ConcurrentDictionary<string, (RunHandle Run, BatchingMetricLogger Metrics)> _stages = new();

    // Tracker runs whose model versions are this pipeline run's: its stage runs and the runs its cached stages link to.
    private readonly ConcurrentDictionary<string, byte> _runIds = new(StringComparer.Ordinal);
    private readonly RunModelRegistry _registry;
    private RunHandle? _parent;
    private TrackedRun? _tracked;
    private volatile bool _disabled;

    /// <summary>Creates the observer over <paramref name="tracker"/>.</summary>
    /// <param name="tracker">The tracker, disposed when the run ends.</param>
    /// <param name="context">Tags and process variables.</param>
    /// <param name="warn">Receives the one warning when tracking fails; it must mask secrets.</param>
    /// <param name="environment">The run's state folder: cache entries and run records of earlier runs.</param>
    public TrackingObserver(ITracker tracker, TrackingContext context, Action<string> warn, RunEnvironment environment)
    {
        _tracker = tracker;
        _context = context;
        _warn = warn;
        _environment = environment;
        _files = new TrackedRunFiles(environment.Runs.Root);
        _cached = new CachedStageRecorder(tracker, environment, _files);
        _registry = new RunModelRegistry(tracker.Registry, tracker.Location, () => [.. _runIds.Keys]);
    }

    /// <inheritdoc />
    public async Task RunStartedAsync(RunRecord run, ExecutionPlan plan)
    {
        var pipelines = plan.Stages.Select(s => s.Stage.Pipeline).Distinct().ToList();
        var names = pipelines.Select(p => p.Name).ToList();
        await Guard(async () =>
        {
            // The run record shows "3 (default)"; MLflow gets the bare value, so runs compare and filter on it, and the
            // source as a tag beside it.
            var parameters = pipelines.SelectMany(p => p.Parameters.Where(x => !x.IsSecret).Select(x => (Key: $"{p.Name}.{x.Name}", Parameter: x))).ToList();
            var tags = new Dictionary<string, string>(await _context.TagsAsync(names));
            foreach (var (key, parameter) in parameters)
            {
                tags[SystemTags.ParamSourcePrefix + key] = parameter.Source;
            }

            await AbandonedTrackedRuns.CloseAsync(_tracker, _files, _environment.Runs, run.RunId);
            _parent = await _tracker.StartPipelineRunAsync(string.Join("+", names), run.RunId, tags);
            _tracked = new TrackedRun { Location = _tracker.Location, ExperimentId = _parent.ExperimentId, ParentRunId = _parent.RunId };
            SaveTracked(run, stageId: null, stageRunId: null);
            if (parameters.Count > 0)
            {
                await _tracker.LogParamsAsync(_parent, parameters.ToDictionary(x => x.Key, x => ParameterValues.Format(x.Parameter.Value)));
            }
        });
    }

    /// <inheritdoc />
    public async Task StageStartedAsync(RunRecord run, PlannedStage stage)
    {
        if (_parent is not { } parent)
        {
            return;
        }

        await Guard(async () =>
        {
            var handle = await StartStageRunAsync(parent, run, stage, extraTags: null);
            SaveTracked(run, stage.Id, handle.RunId);
            _stages[stage.Id] = (handle, _tracker.CreateMetricLogger(handle));
        });
    }

    /// <inheritdoc />
    public void Metric(string stageId, string name, double value, long step)
    {
        if (!_disabled && _stages.TryGetValue(stageId, out var stage))
        {
            stage.Metrics.Log(name, value, step);
        }
    }

    /// <inheritdoc />
    public async Task StageFinishedAsync(RunRecord run, PlannedStage stage, StageRecord record, IReadOnlyDictionary<string, string> artifactDirectories)
    {
        if (record.Status == StageStatus.Cached && _parent is { } cachedParent)
        {
            await Guard(async () =>
            {
                var metrics = await _cached.RecordAsync(
                    stage.Id,
                    record.CacheKey,
                    tags => StartStageRunAsync(cachedParent, run, stage, tags),
                    handle => LogArtifactsAsync(handle, stage, artifactDirectories));
                if (metrics.Count > 0)
                {
                    await _tracker.LogMetricsAsync(cachedParent, metrics);
                }
            });
            return;
        }

        if (!_stages.TryRemove(stage.Id, out var tracked))
        {
            return;
        }

        await Guard(async () =>
        {
            await tracked.Metrics.DisposeAsync();
            await LogArtifactsAsync(tracked.Run, stage, artifactDirectories);

            await _tracker.EndRunAsync(tracked.Run, ToTracking(record.Status));

            // The parent run carries each stage's final values too, so `Runs` and MLflow's run list show the key
            // metrics (accuracy, loss) without opening every nested run.
            if (_parent is { } parent && record.Metrics.Count > 0)
            {
                await _tracker.LogMetricsAsync(parent, record.Metrics.Select(m => MetricPoint.Now(m.Key, m.Value)).ToList());
            }
        });
    }

    /// <inheritdoc />
    public async Task RunFinishedAsync(RunRecord run)
    {
        if (_parent is { } parent)
        {
            await Guard(() => _tracker.EndRunAsync(parent, run.Status switch
            {
                Execution.RunStatus.Succeeded => TrackingStatus.Finished,
                Execution.RunStatus.Interrupted => TrackingStatus.Killed,
                _ => TrackingStatus.Failed,
            }));
            if (!_disabled && _tracked is { } tracked)
            {
                tracked.Ended = true;
                await Guard(() =>
                {
                    SaveTracked(run, stageId: null, stageRunId: null);
                    return Task.CompletedTask;
                });
            }
        }

        await _tracker.DisposeAsync();
    }

    /// <inheritdoc />
    public IReadOnlyList<Dsl.ProcessVariable> EnvironmentFor(string stageId) =>
        !_disabled && _stages.TryGetValue(stageId, out var stage) ? _context.ProcessEnvironment(stage.Run) : [];

    /// <summary>
    /// The registry, to a running stage and to one being decided (a gate keys on the version its champion alias points
    /// to before the stage has a tracker run); none once tracking is off.
    /// </summary>
    public object? ServiceFor(string stageId, Type serviceType) =>
        serviceType == typeof(IModelRegistry) && !_disabled ? _registry : null;

    private async Task<RunHandle> StartStageRunAsync(RunHandle parent, RunRecord run, PlannedStage stage, IReadOnlyDictionary<string, string>? extraTags)
    {
        // Only what the stage was shown to read, even when its code could not all be followed.
        var read = StageCodeAnalysis.Of(stage.Stage).ParametersRead.Where(p => !p.IsSecret).ToList();
        var tags = new Dictionary<string, string>(extraTags ?? new Dictionary<string, string>())
        {
            [SystemTags.Stage] = stage.Id,
            [SystemTags.Pipeline] = stage.Stage.Pipeline.Name,
            [SystemTags.PipelineRunId] = run.RunId,
        };
        foreach (var parameter in read)
        {
            tags[SystemTags.ParamSourcePrefix + parameter.Name] = parameter.Source;
        }

        var handle = await _tracker.StartStageRunAsync(parent, stage.Id, tags);
        _runIds[handle.RunId] = 0;
        if (tags.GetValueOrDefault(SystemTags.OutputsRunId) is { } holder)
        {
            _runIds[holder] = 0;
        }

        if (read.Count > 0)
        {
            await _tracker.LogParamsAsync(handle, read.ToDictionary(p => p.Name, p => ParameterValues.Format(p.Value)));
        }

        return handle;
    }

    // Stages start in parallel; the file is rewritten whole under the lock, so no stage's run id is lost.
    private void SaveTracked(RunRecord run, string? stageId, string? stageRunId)
    {
        if (_tracked is not { } tracked)
        {
            return;
        }

        lock (tracked)
        {
            if (stageId is not null && stageRunId is not null)
            {
                tracked.Stages[stageId] = stageRunId;
            }

            _files.Save(run.RunId, tracked);
        }
    }

    private async Task LogArtifactsAsync(RunHandle run, PlannedStage stage, IReadOnlyDictionary<string, string> artifactDirectories)
    {
        foreach (var artifact in stage.Stage.Definition.ProducedArtifacts)
        {
            if (artifactDirectories.TryGetValue(artifact.Name, out var directory))
            {
                await LogArtifactAsync(run, artifact.Name, artifact.Kind, directory);
            }
        }
    }

    private async Task LogArtifactAsync(RunHandle run, string name, string kind, string directory)
    {
        var any = false;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(directory, Path.GetDirectoryName(file)!).Replace('\\', '/');
            var folder = relative == "." ? name : $"{name}/{relative}";
            await _tracker.LogArtifactAsync(run, file, folder);
            any = true;
        }

        // A package is what gets deployed: it becomes a version of the registered model of the same name.
        if (kind == "package" && any)
        {
            await _tracker.RegisterModelVersionAsync(name, $"{run.ArtifactUri.TrimEnd('/')}/{name}", run.RunId);
        }
    }

    private static TrackingStatus ToTracking(StageStatus stageStatus) => stageStatus switch
    {
        StageStatus.Succeeded or StageStatus.Cached or StageStatus.Skipped => TrackingStatus.Finished,
        StageStatus.Cancelled => TrackingStatus.Killed,
        _ => TrackingStatus.Failed,
    };

    private async Task Guard(Func<Task> call)
    {
        if (_disabled)
        {
            return;
        }

        try
        {
            await call();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _disabled = true;
            _warn($"warning: experiment tracking is off for the rest of this run: {e.Message}");
        }
    }
}
