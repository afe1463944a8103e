namespace LlmOps.Cli.Plans;

/// <summary>
/// Everything a reviewer may want compared between two commits, as data: every pipeline's stages with their wiring,
/// parameters with defaults, what each stage's cache key is made of, and the CI jobs the plan emits. Written by
/// <c>./build.sh --plan-json</c> and read back by <c>PlanDiff</c>, so a base commit built by its own code describes
/// itself in the same terms.
/// </summary>
/// <param name="Format">The version of this shape; a reader refuses a newer one.</param>
/// <param name="Pipelines">The pipelines that defined.</param>
/// <param name="Workflows">The generated CI files, split into jobs.</param>
/// <param name="Failures">Pipelines that failed to define, or a workflow generation error, in words.</param>
public sealed record PlanSnapshot(int Format, IReadOnlyList<PipelineSnapshot> Pipelines, IReadOnlyList<WorkflowSnapshot> Workflows, IReadOnlyList<string> Failures)
{
    /// <summary>The version written now.</summary>
    public const int CurrentFormat = 1;
}

/// <summary>One pipeline of a <see cref="PlanSnapshot"/>.</summary>
/// <param name="Name">The pipeline name.</param>
/// <param name="Class">The pipeline class's full name.</param>
/// <param name="Parameters">Parameters with their defaults, in declaration order.</param>
/// <param name="Stages">Stages in declaration order.</param>
public sealed record PipelineSnapshot(string Name, string Class, IReadOnlyList<ParameterSnapshot> Parameters, IReadOnlyList<StageSnapshot> Stages);

/// <summary>A parameter and its default (a secret's default is never written).</summary>
/// <param name="Name">The command-line name.</param>
/// <param name="Type">The type's short name.</param>
/// <param name="Default">The default as text, or null for a secret.</param>
/// <param name="Secret">Whether the value is masked.</param>
/// <param name="Description">The description.</param>
public sealed record ParameterSnapshot(string Name, string Type, string? Default, bool Secret, string Description);

/// <summary>One stage: its wiring, what it runs on, and what its cache key is made of.</summary>
/// <param name="Id">The qualified name, e.g. <c>Support.Train</c>.</param>
/// <param name="Description">The description.</param>
/// <param name="DependsOn">Hard dependencies (declared or implied by consumed artifacts), by id.</param>
/// <param name="Triggers">Stages this one triggers, by id.</param>
/// <param name="Consumes">Consumed artifacts, <c>name (kind)</c>.</param>
/// <param name="Produces">Produced artifacts, <c>name (kind)</c>.</param>
/// <param name="Inputs">Declared input paths.</param>
/// <param name="Annotations">What its features say about it in the plan: container, GPUs, gate, policy.</param>
/// <param name="CacheKey">The cache key's components as far as they are known before running, by name.</param>
/// <param name="CacheKeyDeferred">Why part of the key is only known when the stage runs, or null.</param>
/// <param name="NotCached">Why the stage is never cached, or null.</param>
public sealed record StageSnapshot(
    string Id,
    string Description,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> Triggers,
    IReadOnlyList<string> Consumes,
    IReadOnlyList<string> Produces,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Annotations,
    IReadOnlyDictionary<string, string> CacheKey,
    string? CacheKeyDeferred,
    string? NotCached)
{
    /// <summary>The stage's name without its pipeline.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Name => Id[(Id.IndexOf('.') + 1)..];
}

/// <summary>A generated CI file and its jobs.</summary>
/// <param name="Path">The path relative to the repository root.</param>
/// <param name="Jobs">Each job's YAML text by job name; <c>(workflow)</c> holds what precedes the jobs (triggers, permissions).</param>
public sealed record WorkflowSnapshot(string Path, IReadOnlyDictionary<string, string> Jobs);
