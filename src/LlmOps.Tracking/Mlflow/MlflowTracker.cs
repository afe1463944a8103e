using System.Globalization;

namespace LlmOps.Tracking.Mlflow;

/// <summary><see cref="ITracker"/> over an MLflow server's REST API.</summary>
public sealed class MlflowTracker : ITracker
{
    private readonly MlflowClient _client;
    private readonly bool _ownsClient;
    private readonly SemaphoreSlim _experimentLock = new(1, 1);
    private string? _experimentId;

    /// <summary>Creates a tracker over <paramref name="client"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="ownsClient">Dispose the client with the tracker.</param>
    public MlflowTracker(MlflowClient client, bool ownsClient = false)
    {
        _client = client;
        _ownsClient = ownsClient;
    }

    /// <inheritdoc />
    public string Location => _client.Options.ServerIdentity;

    /// <inheritdoc />
    public Registry.IRegistryBackend Registry => new MlflowRegistryBackend(_client);

    /// <summary>The underlying client, for registry and artifact operations beyond <see cref="ITracker"/>.</summary>
    public MlflowClient Client => _client;

    /// <inheritdoc />
    public async Task<RunHandle> StartPipelineRunAsync(string pipelineName, string pipelineRunId, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        var experimentId = await ExperimentIdAsync(cancellationToken).ConfigureAwait(false);
        var allTags = TrackerTags.ForPipeline(pipelineName, pipelineRunId, tags);
        return await CreateRunAsync(experimentId, pipelineName, allTags, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<RunHandle> StartStageRunAsync(RunHandle parent, string stageName, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        var allTags = TrackerTags.ForStage(parent, stageName, tags);
        return CreateRunAsync(parent.ExperimentId, stageName, allTags, parent.RunId, cancellationToken);
    }

    /// <inheritdoc />
    public Task LogParamsAsync(RunHandle run, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default)
    {
        var list = parameters.Select(p =>
        {
            TrackingValidation.Key(p.Key, "parameter");
            return new KeyValue(p.Key, TrackingValidation.Truncate(p.Value, TrackingValidation.MaxParamValueLength));
        }).ToList();
        return _client.LogBatchAsync(run.RunId, null, list, null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task LogMetricAsync(RunHandle run, MetricPoint point, CancellationToken cancellationToken = default)
    {
        TrackingValidation.Key(point.Key, "metric");
        await _client.Api.LogMetricAsync(new LogMetricRequest { RunId = run.RunId, Key = point.Key, Value = point.Value, Timestamp = point.TimestampMs, Step = point.Step }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task LogMetricsAsync(RunHandle run, IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken = default)
    {
        var metrics = new List<Metric>(points.Count);
        foreach (var p in points)
        {
            TrackingValidation.Key(p.Key, "metric");
            metrics.Add(new Metric { Key = p.Key, Value = p.Value, Timestamp = p.TimestampMs, Step = p.Step });
        }

        return _client.LogBatchAsync(run.RunId, metrics, null, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task SetTagsAsync(RunHandle run, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        var list = tags.Select(t =>
        {
            TrackingValidation.Key(t.Key, "tag");
            return new KeyValue(t.Key, TrackingValidation.Truncate(t.Value, TrackingValidation.MaxTagValueLength));
        }).ToList();
        return _client.LogBatchAsync(run.RunId, null, null, list, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> LogArtifactAsync(RunHandle run, string localFile, string? artifactPath = null, CancellationToken cancellationToken = default) =>
        _client.UploadArtifactAsync(run.ArtifactUri, localFile, artifactPath, cancellationToken);

    /// <inheritdoc />
    public async Task<string> RegisterModelVersionAsync(string modelName, string sourceUri, string? runId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(modelName))
        {
            throw new ArgumentException("The model name must not be empty.", nameof(modelName));
        }

        try
        {
            await _client.Api.CreateRegisteredModelAsync(new CreateRegisteredModelRequest { Name = modelName }, cancellationToken).ConfigureAwait(false);
        }
        catch (MlflowException ex) when (ex.IsAlreadyExists)
        {
            // Registering a further version of an existing model is the normal case.
        }

        var created = await _client.Api.CreateModelVersionAsync(new CreateModelVersionRequest { Name = modelName, Source = sourceUri, RunId = runId }, cancellationToken).ConfigureAwait(false);
        return created.ModelVersion?.Version ?? throw new MlflowException("POST /api/2.0/mlflow/model-versions/create", 200, null, "the response carried no model version");
    }

    /// <inheritdoc />
    public Task EndRunAsync(RunHandle run, RunStatus status, CancellationToken cancellationToken = default) =>
        _client.Api.UpdateRunAsync(new UpdateRunRequest { RunId = run.RunId, Status = StatusName(status), EndTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunSummary>> ListRecentRunsAsync(int maxResults = 20, CancellationToken cancellationToken = default)
    {
        // Listing only reads: a missing experiment means no runs yet, not a reason to create one.
        if (await ExistingExperimentIdAsync(cancellationToken).ConfigureAwait(false) is not { } experimentId)
        {
            return [];
        }

        var response = await _client.Api.SearchRunsAsync(
            new SearchRunsRequest
            {
                ExperimentIds = [experimentId],
                Filter = $"tags.`{SystemTags.RunKind}` = '{TrackerTags.PipelineKind}'",
                MaxResults = Math.Clamp(maxResults, 1, 50_000),
                OrderBy = ["attributes.start_time DESC"],
            },
            cancellationToken).ConfigureAwait(false);
        return (response.Runs ?? []).Select(ToSummary).ToList();
    }

    /// <inheritdoc />
    public async Task<RunHandle?> FindRunAsync(IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default)
    {
        if (tags.Count == 0)
        {
            throw new ArgumentException("At least one tag is needed to find a run.", nameof(tags));
        }

        if (await ExistingExperimentIdAsync(cancellationToken).ConfigureAwait(false) is not { } experimentId)
        {
            return null;
        }

        var response = await _client.Api.SearchRunsAsync(
            new SearchRunsRequest
            {
                ExperimentIds = [experimentId],
                Filter = string.Join(" AND ", tags.Select(t => SearchFilter.TagEquals(t.Key, t.Value))),
                MaxResults = 1,
                OrderBy = ["attributes.start_time DESC"],
            },
            cancellationToken).ConfigureAwait(false);
        if (response.Runs is not [var run, ..])
        {
            return null;
        }

        var parent = (run.Data?.Tags ?? []).LastOrDefault(t => t.Key == SystemTags.ParentRunId)?.Value;
        return new RunHandle(run.Info.RunId, run.Info.ExperimentId, run.Info.ArtifactUri ?? DefaultArtifactUri(run.Info.ExperimentId, run.Info.RunId), parent);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _experimentLock.Dispose();
        if (_ownsClient)
        {
            _client.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    internal static string StatusName(RunStatus status) => status.ToString().ToUpperInvariant();

    internal static RunStatus ParseStatus(string? status) =>
        Enum.TryParse<RunStatus>(status, ignoreCase: true, out var s) ? s : RunStatus.Running;

    private static RunSummary ToSummary(Run run)
    {
        var tags = (run.Data?.Tags ?? []).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var metrics = (run.Data?.Metrics ?? []).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var name = run.Info.RunName ?? tags.GetValueOrDefault(SystemTags.RunName) ?? run.Info.RunId;
        return new RunSummary(
            run.Info.RunId,
            name,
            ParseStatus(run.Info.Status),
            DateTimeOffset.FromUnixTimeMilliseconds(run.Info.StartTime ?? 0),
            run.Info.EndTime is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
            metrics,
            tags);
    }

    private async Task<RunHandle> CreateRunAsync(string experimentId, string runName, Dictionary<string, string> tags, string? parentRunId, CancellationToken cancellationToken)
    {
        var response = await _client.Api.CreateRunAsync(
            new CreateRunRequest
            {
                ExperimentId = experimentId,
                RunName = runName,
                StartTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                Tags = tags.Select(t => new KeyValue(t.Key, t.Value)).ToList(),
            },
            cancellationToken).ConfigureAwait(false);
        var info = response.Run.Info;
        return new RunHandle(info.RunId, info.ExperimentId, info.ArtifactUri ?? DefaultArtifactUri(experimentId, info.RunId), parentRunId);
    }

    private static string DefaultArtifactUri(string experimentId, string runId) =>
        string.Create(CultureInfo.InvariantCulture, $"mlflow-artifacts:/{experimentId}/{runId}/artifacts");

    private async Task<string?> ExistingExperimentIdAsync(CancellationToken cancellationToken)
    {
        if (_experimentId is not null)
        {
            return _experimentId;
        }

        try
        {
            var found = await _client.Api.GetExperimentByNameAsync(_client.Options.ExperimentName, cancellationToken).ConfigureAwait(false);
            return found.Experiment is { LifecycleStage: not "deleted" } e ? e.ExperimentId : null;
        }
        catch (MlflowException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    private async Task<string> ExperimentIdAsync(CancellationToken cancellationToken)
    {
        if (_experimentId is not null)
        {
            return _experimentId;
        }

        await _experimentLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _experimentId ??= await _client.GetOrCreateExperimentAsync(_client.Options.ExperimentName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _experimentLock.Release();
        }
    }
}
