using System.Text.Json.Serialization;

namespace LlmOps.Execution;

/// <summary>
/// How a run stands, as <c>run.json</c> records it (kebab case: <c>"succeeded"</c>). Not to be confused with
/// <c>LlmOps.Tracking.RunStatus</c>, MLflow's states of a tracked run.
/// </summary>
[JsonConverter(typeof(KebabCaseEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>In progress (or interrupted, when its process is gone).</summary>
    Running,

    /// <summary>Every stage succeeded, was cached or skipped.</summary>
    Succeeded,

    /// <summary>A stage failed.</summary>
    Failed,

    /// <summary>Cancelled (Ctrl+C) or the process died.</summary>
    Interrupted,
}
