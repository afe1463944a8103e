using LlmOps.Dsl;

namespace LlmOps.Emission;

/// <summary>Stages that run as one CI job (in plan order), to save the setup cost of a job per stage.</summary>
/// <param name="JobName">The job's id.</param>
/// <param name="Stages">The stages in the job.</param>
public sealed record StageGroup(string JobName, IReadOnlyList<Stage> Stages);
