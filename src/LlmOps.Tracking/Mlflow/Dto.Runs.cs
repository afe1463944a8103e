namespace LlmOps.Tracking.Mlflow;

/// <summary>An MLflow run.</summary>
public sealed class Run
{
    /// <summary>Metadata.</summary>
    public RunInfo Info { get; set; } = new();

    /// <summary>Params, tags and latest metrics; empty lists are omitted by the server.</summary>
    public RunData? Data { get; set; }
}

/// <summary>Run metadata.</summary>
public sealed class RunInfo
{
    /// <summary>Run id.</summary>
    public string RunId { get; set; } = "";

    /// <summary>Experiment id.</summary>
    public string ExperimentId { get; set; } = "";

    /// <summary>Run name.</summary>
    public string? RunName { get; set; }

    /// <summary>Status name (RUNNING, FINISHED, ...); kept as text so an unknown value from a newer server does not break parsing.</summary>
    public string? Status { get; set; }

    /// <summary>Start, Unix ms.</summary>
    public long? StartTime { get; set; }

    /// <summary>End, Unix ms; absent while running.</summary>
    public long? EndTime { get; set; }

    /// <summary>Artifact root URI.</summary>
    public string? ArtifactUri { get; set; }

    /// <summary><c>active</c> or <c>deleted</c>.</summary>
    public string? LifecycleStage { get; set; }
}

/// <summary>Run data.</summary>
public sealed class RunData
{
    /// <summary>Latest value per metric key.</summary>
    public List<Metric>? Metrics { get; set; }

    /// <summary>Params.</summary>
    public List<KeyValue>? Params { get; set; }

    /// <summary>Tags.</summary>
    public List<KeyValue>? Tags { get; set; }
}

/// <summary>A metric point on the wire.</summary>
public sealed class Metric
{
    /// <summary>Key.</summary>
    public string Key { get; set; } = "";

    /// <summary>Value; NaN and infinities travel as strings.</summary>
    public double Value { get; set; }

    /// <summary>Unix ms.</summary>
    public long Timestamp { get; set; }

    /// <summary>Step.</summary>
    public long Step { get; set; }
}

/// <summary>Body of runs/create.</summary>
public sealed class CreateRunRequest
{
    /// <summary>Experiment id.</summary>
    public required string ExperimentId { get; init; }

    /// <summary>Run name.</summary>
    public string? RunName { get; init; }

    /// <summary>Start, Unix ms.</summary>
    public long? StartTime { get; init; }

    /// <summary>Tags.</summary>
    public List<KeyValue>? Tags { get; init; }
}

/// <summary>Response carrying one run.</summary>
public sealed class RunResponse
{
    /// <summary>The run.</summary>
    public Run Run { get; set; } = new();
}

/// <summary>Body of runs/update.</summary>
public sealed class UpdateRunRequest
{
    /// <summary>Run id.</summary>
    public required string RunId { get; init; }

    /// <summary>New status name.</summary>
    public string? Status { get; init; }

    /// <summary>End, Unix ms.</summary>
    public long? EndTime { get; init; }

    /// <summary>New run name.</summary>
    public string? RunName { get; init; }
}

/// <summary>Response of runs/update.</summary>
public sealed class UpdateRunResponse
{
    /// <summary>Updated metadata.</summary>
    public RunInfo? RunInfo { get; set; }
}

/// <summary>Body of runs/search (POST only on the server).</summary>
public sealed class SearchRunsRequest
{
    /// <summary>Experiments to search.</summary>
    public List<string>? ExperimentIds { get; init; }

    /// <summary>Filter, e.g. <c>tags.llmops.run_kind = 'pipeline'</c>.</summary>
    public string? Filter { get; init; }

    /// <summary>ACTIVE_ONLY, DELETED_ONLY or ALL.</summary>
    public string? RunViewType { get; init; }

    /// <summary>Page size.</summary>
    public int? MaxResults { get; init; }

    /// <summary>Order clauses.</summary>
    public List<string>? OrderBy { get; init; }

    /// <summary>Page token.</summary>
    public string? PageToken { get; init; }
}

/// <summary>Response of runs/search; an empty result is <c>{}</c>.</summary>
public sealed class SearchRunsResponse
{
    /// <summary>Runs.</summary>
    public List<Run>? Runs { get; set; }

    /// <summary>Next page token.</summary>
    public string? NextPageToken { get; set; }
}

/// <summary>Body of the run-id-only endpoints (delete, restore).</summary>
/// <param name="RunId">Run id.</param>
public sealed record RunIdRequest(string RunId);

/// <summary>Body of runs/log-metric.</summary>
public sealed class LogMetricRequest
{
    /// <summary>Run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Key.</summary>
    public required string Key { get; init; }

    /// <summary>Value.</summary>
    public double Value { get; init; }

    /// <summary>Unix ms.</summary>
    public long Timestamp { get; init; }

    /// <summary>Step.</summary>
    public long Step { get; init; }
}

/// <summary>Body of runs/log-parameter and runs/set-tag.</summary>
/// <param name="RunId">Run id.</param>
/// <param name="Key">Key.</param>
/// <param name="Value">Value.</param>
public sealed record RunKeyValueRequest(string RunId, string Key, string Value);

/// <summary>Body of runs/log-batch.</summary>
public sealed class LogBatchRequest
{
    /// <summary>Run id.</summary>
    public required string RunId { get; init; }

    /// <summary>Metrics (at most 1000).</summary>
    public List<Metric>? Metrics { get; init; }

    /// <summary>Params (at most 100).</summary>
    public List<KeyValue>? Params { get; init; }

    /// <summary>Tags (at most 100).</summary>
    public List<KeyValue>? Tags { get; init; }
}

/// <summary>Response of metrics/get-history.</summary>
public sealed class MetricHistoryResponse
{
    /// <summary>Page of points.</summary>
    public List<Metric>? Metrics { get; set; }

    /// <summary>Next page token.</summary>
    public string? NextPageToken { get; set; }
}

/// <summary>An empty response body (<c>{}</c>); unknown fields are ignored.</summary>
public sealed class EmptyResponse
{
}
