namespace LlmOps.Cli.Plans;

/// <summary>What a change does to the plan, as <see cref="PlanDiff.Compare"/> finds it; empty lists when nothing changed.</summary>
/// <param name="CallOuts">What a reviewer must not miss: a loosened gate, a removed gate, a rule changed.</param>
/// <param name="Pipelines">Pipelines added or removed.</param>
/// <param name="Stages">Stages added, removed, renamed or changed.</param>
/// <param name="Parameters">Parameters added, removed, or with another default or type.</param>
/// <param name="ReRuns">Stages whose cache key changes, so the change re-runs them, with why.</param>
/// <param name="Jobs">Emitted CI jobs added, removed or changed.</param>
/// <param name="Problems">Pipelines that fail to define (or workflows that fail to generate) on either side.</param>
public sealed record PlanDiffResult(
    IReadOnlyList<string> CallOuts,
    IReadOnlyList<Change> Pipelines,
    IReadOnlyList<StageChange> Stages,
    IReadOnlyList<ParameterChange> Parameters,
    IReadOnlyList<ReRun> ReRuns,
    IReadOnlyList<JobChange> Jobs,
    IReadOnlyList<string> Problems)
{
    /// <summary>Whether the change leaves the plan as it was.</summary>
    public bool IsEmpty => CallOuts.Count == 0 && Pipelines.Count == 0 && Stages.Count == 0 && Parameters.Count == 0 && ReRuns.Count == 0 && Jobs.Count == 0 && Problems.Count == 0;
}

/// <summary>How something changed.</summary>
public enum ChangeKind
{
    /// <summary>Only in the change.</summary>
    Added,

    /// <summary>Only in the base.</summary>
    Removed,

    /// <summary>In both, under another name.</summary>
    Renamed,

    /// <summary>In both, different.</summary>
    Changed,
}

/// <summary>A named thing added or removed.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Kind">How it changed.</param>
public sealed record Change(string Name, ChangeKind Kind);

/// <summary>A stage's change.</summary>
/// <param name="Id">The stage's id in the change (in the base when removed).</param>
/// <param name="Kind">How it changed.</param>
/// <param name="OldId">The base's id when renamed.</param>
/// <param name="Details">What changed, one phrase each (<c>depends on + Support.Audit</c>).</param>
public sealed record StageChange(string Id, ChangeKind Kind, string? OldId, IReadOnlyList<string> Details);

/// <summary>A parameter's change.</summary>
/// <param name="Pipeline">The pipeline.</param>
/// <param name="Name">The parameter's command-line name.</param>
/// <param name="Kind">How it changed.</param>
/// <param name="OldDefault">The base's default (null when added or secret).</param>
/// <param name="NewDefault">The change's default (null when removed or secret).</param>
/// <param name="Direction"><c>lowered</c> or <c>raised</c> for a number, else null.</param>
/// <param name="ReadBy">The stages whose cache key reads it, in the change.</param>
public sealed record ParameterChange(string Pipeline, string Name, ChangeKind Kind, string? OldDefault, string? NewDefault, string? Direction, IReadOnlyList<string> ReadBy);

/// <summary>A stage the change re-runs.</summary>
/// <param name="Id">The stage.</param>
/// <param name="Reasons">Why its key changes, in words.</param>
/// <param name="OnlyUpstream">Whether it re-runs only because a stage it consumes from does (its output may still be equal).</param>
/// <param name="Deferred">Part of its key known only when it runs (an unpinned image), or null.</param>
public sealed record ReRun(string Id, IReadOnlyList<string> Reasons, bool OnlyUpstream, string? Deferred);

/// <summary>An emitted job's change.</summary>
/// <param name="File">The CI file.</param>
/// <param name="Job">The job, or <c>(workflow)</c> for the file's triggers and settings.</param>
/// <param name="Kind">How it changed.</param>
public sealed record JobChange(string File, string Job, ChangeKind Kind);
