using System.Text.Json.Serialization;

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

    /// <summary>How the run stands; <c>running</c>, <c>succeeded</c>, <c>failed</c> or <c>interrupted</c> in the file.</summary>
    public RunStatus Status { get; set; } = RunStatus.Running;

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

    /// <summary>How the stage stands; kebab case in the file (<c>not-run</c>).</summary>
    public StageStatus Status { get; set; } = StageStatus.Pending;

    /// <summary>Why it ran, was skipped, cached or failed, in words.</summary>
    public string? Reason { get; set; }

    /// <summary>The cache key, once computed.</summary>
    public string? CacheKey { get; set; }

    /// <summary>When the executor began deciding it (computing its key, looking for a cached result).</summary>
    /// <remarks>Left out of the file while unknown, so records written before it existed read and rewrite unchanged.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DecisionStartedAt { get; set; }

    /// <summary>How long the decision took, in seconds (an image build for the key can take minutes).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DecisionSeconds { get; set; }

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
