using System.Text.Json.Serialization;

namespace LlmOps.Execution;

/// <summary>How a stage stands, as <c>run.json</c> records it (kebab case: <c>"not-run"</c>).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<StageStatus>))]
public enum StageStatus
{
    /// <summary>Not started yet.</summary>
    Pending,

    /// <summary>Running now.</summary>
    Running,

    /// <summary>Ran and succeeded.</summary>
    Succeeded,

    /// <summary>Served from the cache.</summary>
    Cached,

    /// <summary>Skipped by --skip or a condition.</summary>
    Skipped,

    /// <summary>Ran and failed.</summary>
    Failed,

    /// <summary>Not run because an earlier stage failed.</summary>
    NotRun,

    /// <summary>Stopped by Ctrl+C.</summary>
    Cancelled,
}
