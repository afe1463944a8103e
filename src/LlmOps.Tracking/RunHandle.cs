namespace LlmOps.Tracking;

/// <summary>Identifies a started run.</summary>
/// <param name="RunId">The backend's run id (MLflow run id or local run id).</param>
/// <param name="ExperimentId">The experiment the run belongs to.</param>
/// <param name="ArtifactUri">Root URI of the run's artifacts.</param>
/// <param name="ParentRunId">The pipeline run for a stage run; null for a pipeline run.</param>
public sealed record RunHandle(string RunId, string ExperimentId, string ArtifactUri, string? ParentRunId = null);
