namespace LlmOps.Tracking;

/// <summary>
/// What the pipeline executor calls to make a run observable, whether the backend is an MLflow server or the embedded local store.
/// </summary>
public interface ITracker : IAsyncDisposable
{
    /// <summary>
    /// Where runs are recorded: the MLflow server as scheme, host, port and path (no credentials, no query), or
    /// <see cref="Local.LocalTracker.LocalLocation"/> for the embedded store. Equal locations are the same tracker.
    /// </summary>
    string Location { get; }

    /// <summary>Starts the top-level run of one pipeline execution.</summary>
    /// <param name="pipelineName">Pipeline name; recorded as the run name and the <c>llmops.pipeline</c> tag.</param>
    /// <param name="pipelineRunId">The executor's own id for this execution, kept as the <c>llmops.pipeline_run_id</c> tag.</param>
    /// <param name="tags">Extra tags, for example the system tags of <see cref="SystemTags"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<RunHandle> StartPipelineRunAsync(string pipelineName, string pipelineRunId, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Starts a nested run for one stage; it carries <c>mlflow.parentRunId</c>.</summary>
    Task<RunHandle> StartStageRunAsync(RunHandle parent, string stageName, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Logs parameters; re-logging the same value is allowed, changing it is an error.</summary>
    Task LogParamsAsync(RunHandle run, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default);

    /// <summary>Logs one metric point.</summary>
    Task LogMetricAsync(RunHandle run, MetricPoint point, CancellationToken cancellationToken = default);

    /// <summary>Logs many metric points at once (a training curve).</summary>
    Task LogMetricsAsync(RunHandle run, IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken = default);

    /// <summary>Sets tags, overwriting earlier values.</summary>
    Task SetTagsAsync(RunHandle run, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Stores a local file as an artifact of the run, streamed.</summary>
    /// <param name="run">The run.</param>
    /// <param name="localFile">Path of the file to store.</param>
    /// <param name="artifactPath">Relative folder inside the run's artifacts, or null for the root.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The artifact URI of the stored file.</returns>
    Task<string> LogArtifactAsync(RunHandle run, string localFile, string? artifactPath = null, CancellationToken cancellationToken = default);

    /// <summary>Registers a model version whose files are at <paramref name="sourceUri"/>; creates the registered model when missing.</summary>
    /// <returns>The new version number, as a string like MLflow's.</returns>
    Task<string> RegisterModelVersionAsync(string modelName, string sourceUri, string? runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tracker's model registry (aliases, version tags). Stage bodies reach it checked and scoped to their pipeline
    /// run through <see cref="Registry.RunModelRegistry"/>, as <c>context.ModelRegistry()</c>.
    /// </summary>
    Registry.IRegistryBackend Registry { get; }

    /// <summary>Ends the run with a terminal status.</summary>
    Task EndRunAsync(RunHandle run, RunStatus status, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest active run of the tracker's experiment that carries every tag in <paramref name="tags"/> with exactly
    /// that value, or null. Reads only: a missing experiment means no run.
    /// </summary>
    Task<RunHandle?> FindRunAsync(IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Lists the most recent pipeline (top-level) runs, newest first, with their latest metric values.</summary>
    Task<IReadOnlyList<RunSummary>> ListRecentRunsAsync(int maxResults = 20, CancellationToken cancellationToken = default);
}
