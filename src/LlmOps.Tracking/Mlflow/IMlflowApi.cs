using Refit;

namespace LlmOps.Tracking.Mlflow;

/// <summary>
/// MLflow REST API 2.0 as Refit sees it. Non-2xx answers throw <see cref="MlflowException"/>.
/// Quirks baked in: registry searches are GET only, runs/search is POST only, DELETE endpoints read a JSON body,
/// updates of registry objects are PATCH, and get-history always receives <c>max_results</c>.
/// </summary>
public interface IMlflowApi
{
    /// <summary>POST experiments/create; a taken name answers 400 RESOURCE_ALREADY_EXISTS.</summary>
    [Post("/api/2.0/mlflow/experiments/create")]
    Task<CreateExperimentResponse> CreateExperimentAsync([Body] CreateExperimentRequest request, CancellationToken cancellationToken = default);

    /// <summary>GET experiments/get.</summary>
    [Get("/api/2.0/mlflow/experiments/get")]
    Task<ExperimentResponse> GetExperimentAsync([AliasAs("experiment_id")] string experimentId, CancellationToken cancellationToken = default);

    /// <summary>GET experiments/get-by-name; 404 RESOURCE_DOES_NOT_EXIST when absent.</summary>
    [Get("/api/2.0/mlflow/experiments/get-by-name")]
    Task<ExperimentResponse> GetExperimentByNameAsync([AliasAs("experiment_name")] string experimentName, CancellationToken cancellationToken = default);

    /// <summary>GET experiments/search; <paramref name="maxResults"/> must be positive or the server answers 400.</summary>
    [Get("/api/2.0/mlflow/experiments/search")]
    Task<SearchExperimentsResponse> SearchExperimentsAsync(
        [AliasAs("max_results")] int maxResults,
        [AliasAs("filter")] string? filter = null,
        [AliasAs("page_token")] string? pageToken = null,
        [AliasAs("order_by"), Query(CollectionFormat.Multi)] IEnumerable<string>? orderBy = null,
        [AliasAs("view_type")] string? viewType = null,
        CancellationToken cancellationToken = default);

    /// <summary>POST runs/create.</summary>
    [Post("/api/2.0/mlflow/runs/create")]
    Task<RunResponse> CreateRunAsync([Body] CreateRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>GET runs/get; deleted runs are returned too.</summary>
    [Get("/api/2.0/mlflow/runs/get")]
    Task<RunResponse> GetRunAsync([AliasAs("run_id")] string runId, CancellationToken cancellationToken = default);

    /// <summary>POST runs/update.</summary>
    [Post("/api/2.0/mlflow/runs/update")]
    Task<UpdateRunResponse> UpdateRunAsync([Body] UpdateRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST runs/search (the only method the server accepts).</summary>
    [Post("/api/2.0/mlflow/runs/search")]
    Task<SearchRunsResponse> SearchRunsAsync([Body] SearchRunsRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST runs/delete (soft delete).</summary>
    [Post("/api/2.0/mlflow/runs/delete")]
    Task<EmptyResponse> DeleteRunAsync([Body] RunIdRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST runs/log-metric; not idempotent, so it is only retried when the server surely did not apply it.</summary>
    [Post("/api/2.0/mlflow/runs/log-metric")]
    Task<EmptyResponse> LogMetricAsync([Body] LogMetricRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST runs/log-parameter (not log-param).</summary>
    [Post("/api/2.0/mlflow/runs/log-parameter")]
    Task<EmptyResponse> LogParameterAsync([Body] RunKeyValueRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST runs/set-tag.</summary>
    [Post("/api/2.0/mlflow/runs/set-tag")]
    Task<EmptyResponse> SetTagAsync([Body] RunKeyValueRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST runs/log-batch; at most 1000 metrics, 100 params, 100 tags, 1000 entities.</summary>
    [Post("/api/2.0/mlflow/runs/log-batch")]
    Task<EmptyResponse> LogBatchAsync([Body] LogBatchRequest request, CancellationToken cancellationToken = default);

    /// <summary>GET metrics/get-history; always pass <paramref name="maxResults"/> (MLflow 3.4+ loops forever without it).</summary>
    [Get("/api/2.0/mlflow/metrics/get-history")]
    Task<MetricHistoryResponse> GetMetricHistoryAsync(
        [AliasAs("run_id")] string runId,
        [AliasAs("metric_key")] string metricKey,
        [AliasAs("max_results")] int maxResults,
        [AliasAs("page_token")] string? pageToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>PUT of an artifact through the mlflow-artifacts proxy; the body is streamed.</summary>
    [Put("/api/2.0/mlflow-artifacts/artifacts/{**path}")]
    Task<EmptyResponse> UploadArtifactAsync(string path, [Body] HttpContent content, CancellationToken cancellationToken = default);

    /// <summary>GET of an artifact; the caller owns (and must dispose) the response, whose body is not buffered.</summary>
    [Get("/api/2.0/mlflow-artifacts/artifacts/{**path}")]
    Task<HttpResponseMessage> DownloadArtifactAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>GET of a proxy folder listing; entries are basenames.</summary>
    [Get("/api/2.0/mlflow-artifacts/artifacts")]
    Task<ListArtifactsResponse> ListArtifactsAsync([AliasAs("path")] string path, CancellationToken cancellationToken = default);

    /// <summary>POST registered-models/create; a duplicate answers 400 RESOURCE_ALREADY_EXISTS.</summary>
    [Post("/api/2.0/mlflow/registered-models/create")]
    Task<RegisteredModelResponse> CreateRegisteredModelAsync([Body] CreateRegisteredModelRequest request, CancellationToken cancellationToken = default);

    /// <summary>GET registered-models/get.</summary>
    [Get("/api/2.0/mlflow/registered-models/get")]
    Task<RegisteredModelResponse> GetRegisteredModelAsync([AliasAs("name")] string name, CancellationToken cancellationToken = default);

    /// <summary>GET registered-models/search (POST answers 405).</summary>
    [Get("/api/2.0/mlflow/registered-models/search")]
    Task<SearchRegisteredModelsResponse> SearchRegisteredModelsAsync(
        [AliasAs("filter")] string? filter = null,
        [AliasAs("max_results")] int? maxResults = null,
        [AliasAs("page_token")] string? pageToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>PATCH registered-models/update.</summary>
    [Patch("/api/2.0/mlflow/registered-models/update")]
    Task<RegisteredModelResponse> UpdateRegisteredModelAsync([Body] UpdateRegisteredModelRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST model-versions/create.</summary>
    [Post("/api/2.0/mlflow/model-versions/create")]
    Task<ModelVersionResponse> CreateModelVersionAsync([Body] CreateModelVersionRequest request, CancellationToken cancellationToken = default);

    /// <summary>GET model-versions/get.</summary>
    [Get("/api/2.0/mlflow/model-versions/get")]
    Task<ModelVersionResponse> GetModelVersionAsync([AliasAs("name")] string name, [AliasAs("version")] string version, CancellationToken cancellationToken = default);

    /// <summary>GET model-versions/search (POST answers 405).</summary>
    [Get("/api/2.0/mlflow/model-versions/search")]
    Task<SearchModelVersionsResponse> SearchModelVersionsAsync(
        [AliasAs("filter")] string? filter = null,
        [AliasAs("max_results")] int? maxResults = null,
        [AliasAs("page_token")] string? pageToken = null,
        CancellationToken cancellationToken = default);

    /// <summary>PATCH model-versions/update.</summary>
    [Patch("/api/2.0/mlflow/model-versions/update")]
    Task<ModelVersionResponse> UpdateModelVersionAsync([Body] UpdateModelVersionRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST model-versions/set-tag.</summary>
    [Post("/api/2.0/mlflow/model-versions/set-tag")]
    Task<EmptyResponse> SetModelVersionTagAsync([Body] SetModelVersionTagRequest request, CancellationToken cancellationToken = default);

    /// <summary>DELETE model-versions/delete-tag with a JSON body.</summary>
    [Delete("/api/2.0/mlflow/model-versions/delete-tag")]
    Task<EmptyResponse> DeleteModelVersionTagAsync([Body] DeleteModelVersionTagRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST registered-models/alias (re-pointing is allowed).</summary>
    [Post("/api/2.0/mlflow/registered-models/alias")]
    Task<EmptyResponse> SetAliasAsync([Body] SetAliasRequest request, CancellationToken cancellationToken = default);

    /// <summary>GET registered-models/alias; an unknown alias answers 400, not 404.</summary>
    [Get("/api/2.0/mlflow/registered-models/alias")]
    Task<ModelVersionResponse> GetModelVersionByAliasAsync([AliasAs("name")] string name, [AliasAs("alias")] string alias, CancellationToken cancellationToken = default);

    /// <summary>DELETE registered-models/alias with a JSON body.</summary>
    [Delete("/api/2.0/mlflow/registered-models/alias")]
    Task<EmptyResponse> DeleteAliasAsync([Body] DeleteAliasRequest request, CancellationToken cancellationToken = default);
}
