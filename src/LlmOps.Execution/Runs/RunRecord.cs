namespace LlmOps.Execution;

/// <summary>The record of one run, kept in <c>.llmops/runs/&lt;run-id&gt;/run.json</c> and rewritten atomically as stages finish.</summary>
public sealed class RunRecord
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The process that ran it (so an interrupted run can be told from a live one).</summary>
    public int ProcessId { get; init; }

    /// <summary>The command-line arguments, secrets masked; <c>--continue</c> replays them.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The targets asked for.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary><c>running</c>, <c>succeeded</c>, <c>failed</c> or <c>interrupted</c>.</summary>
    public string Status { get; set; } = RunStatus.Running;

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended, or null while running.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Parameter values by name, secrets masked, with their sources.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>Stages in plan order.</summary>
    public required List<StageRecord> Stages { get; init; }
}

/// <summary>One stage's part of a run record.</summary>
public sealed class StageRecord
{
    /// <summary>The qualified stage name.</summary>
    public required string Id { get; init; }

    /// <summary>See <see cref="StageStatus"/>.</summary>
    public string Status { get; set; } = StageStatus.Pending;

    /// <summary>Why it ran, was skipped, cached or failed, in words.</summary>
    public string? Reason { get; set; }

    /// <summary>The cache key, once computed.</summary>
    public string? CacheKey { get; set; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Duration in seconds.</summary>
    public double? Seconds { get; set; }

    /// <summary>Produced artifacts: name → content hash.</summary>
    public Dictionary<string, string> Outputs { get; set; } = [];

    /// <summary>Last value of each metric the stage reported.</summary>
    public Dictionary<string, double> Metrics { get; set; } = [];

    /// <summary>The stage's log file, relative to the run folder.</summary>
    public string? Log { get; set; }
}

/// <summary>Run states.</summary>
public static class RunStatus
{
    /// <summary>In progress (or interrupted, when its process is gone).</summary>
    public const string Running = "running";

    /// <summary>Every stage succeeded, was cached or skipped.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>A stage failed.</summary>
    public const string Failed = "failed";

    /// <summary>Cancelled (Ctrl+C) or the process died.</summary>
    public const string Interrupted = "interrupted";
}

/// <summary>Stage states.</summary>
public static class StageStatus
{
    /// <summary>Not started yet.</summary>
    public const string Pending = "pending";

    /// <summary>Running now.</summary>
    public const string Running = "running";

    /// <summary>Ran and succeeded.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Served from the cache.</summary>
    public const string Cached = "cached";

    /// <summary>Skipped by --skip or a condition.</summary>
    public const string Skipped = "skipped";

    /// <summary>Ran and failed.</summary>
    public const string Failed = "failed";

    /// <summary>Not run because an earlier stage failed.</summary>
    public const string NotRun = "not-run";

    /// <summary>Stopped by Ctrl+C.</summary>
    public const string Cancelled = "cancelled";
}
