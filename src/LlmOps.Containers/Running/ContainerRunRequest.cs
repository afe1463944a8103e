namespace LlmOps.Containers.Running;

/// <summary>Everything about one execution of a stage that is not part of the (cacheable) <see cref="Specs.ContainerSpec"/>.</summary>
public sealed class ContainerRunRequest
{
    /// <summary>The pipeline run ID (label <c>llmops.run-id</c>).</summary>
    public required string RunId { get; init; }

    /// <summary>The stage name (label <c>llmops.stage</c>, and the container name prefix).</summary>
    public required string StageName { get; init; }

    /// <summary>Named host directories mounted read-only at <c>/llmops/inputs/&lt;name&gt;</c>.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    /// <summary>Host directory mounted read-write at <c>/llmops/outputs</c> (created if missing); null for none.</summary>
    public string? OutputsDirectory { get; init; }

    /// <summary>Extra labels; keys may not start with <c>llmops.</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Receives each log line (stdout and stderr, secrets masked) as it is written, plus runner notices prefixed "[llmops]".</summary>
    public Action<string>? LogSink { get; init; }

    /// <summary>Receives each metric point the trainer appends to metrics.jsonl, while the container runs.</summary>
    public Action<MetricPoint>? MetricsSink { get; init; }

    /// <summary>
    /// Variables published by services that follow the run (the tracker's MLFLOW_TRACKING_URI, MLFLOW_RUN_ID), added
    /// after the spec's own; secret ones are masked like SecretEnv values. They are not part of the cache key.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServiceEnvironment { get; init; } = [];

    /// <summary>Further secret values to mask in every log line (the spec's SecretEnv values are always masked).</summary>
    public IReadOnlyCollection<string> SecretValues { get; init; } = [];

    /// <summary>Run a GPU stage without GPUs when the engine has no GPU runtime (CPU smoke test); logs a loud warning.</summary>
    public bool AllowCpuFallback { get; init; }

    /// <summary>
    /// An image ID (sha256:...) resolved earlier, for the cache key, to run instead of resolving the spec's image
    /// again: what ran is then exactly what was keyed, even if a tag moved in between. Null to resolve now.
    /// </summary>
    public string? ImageId { get; init; }

    /// <summary>Number of last log lines kept for the result and error messages.</summary>
    public int LogTailLines { get; init; } = 50;
}
