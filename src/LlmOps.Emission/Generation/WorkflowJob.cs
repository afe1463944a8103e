using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>One CI job of a workflow: the planned stages it runs and what it exchanges with other jobs.</summary>
public sealed class WorkflowJob
{
    internal WorkflowJob(string name, IReadOnlyList<PlannedStage> stages) => (Name, Stages) = (name, stages);

    /// <summary>The job's name: the stage's name, or the group's for an explicit group.</summary>
    public string Name { get; }

    /// <summary>The stages, in plan order.</summary>
    public IReadOnlyList<PlannedStage> Stages { get; }

    /// <summary>Jobs this one needs, in plan order.</summary>
    public IReadOnlyList<WorkflowJob> Needs { get; internal set; } = [];

    /// <summary>Artifacts produced by other jobs that this job's stages consume, by name, ordinal order.</summary>
    public IReadOnlyList<string> Downloads { get; internal set; } = [];

    /// <summary>Artifacts this job's stages produce, by name, ordinal order.</summary>
    public IReadOnlyList<string> Uploads { get; internal set; } = [];

    /// <summary>What the job needs beyond its steps, as its stages' features asked (platform-neutral).</summary>
    public CiJobRequirements Requirements { get; } = new();

    /// <summary>The GPUs a stage of the job needs, or null.</summary>
    public GpuRequirement? Gpu => Requirements.Gpu;

    /// <summary>The first stage that needs GPUs, for messages; null when none does.</summary>
    public PlannedStage? GpuStage => Stages.FirstOrDefault(s => RequirementsOf(s).Gpu is not null);

    /// <summary>The environment the job deploys to, or null.</summary>
    public DeploymentTarget? Deployment => Requirements.Deployment;

    /// <summary>Whether a stage logs in with OIDC (the job gets an identity token).</summary>
    public bool NeedsIdToken => Requirements.CloudLogins.Count > 0;

    /// <summary>
    /// For each carried file (by name), the latest earlier job of the run that carries it and that this job waits
    /// for, or null when the job starts from an earlier run's copy.
    /// </summary>
    public IReadOnlyDictionary<string, WorkflowJob?> CarriedFrom { get; internal set; } = new Dictionary<string, WorkflowJob?>();

    /// <summary>Whether the job runs even when an earlier job failed (a stage is <c>AssuredAfterFailure</c>).</summary>
    public bool RunsAfterFailure { get; internal set; }

    /// <summary>The job's time limit in minutes.</summary>
    public int TimeoutMinutes { get; internal set; }

    /// <summary>Non-secret parameters the job's stages read, in declaration order.</summary>
    public IReadOnlyList<ParameterModel> Parameters { get; internal set; } = [];

    /// <summary>Secret parameters the job's stages read, in declaration order; they come from the secret store.</summary>
    public IReadOnlyList<ParameterModel> Secrets { get; internal set; } = [];

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>The job's parameters and secrets that <paramref name="stage"/> reads, by name: its step passes exactly these.</summary>
    public IReadOnlyList<ParameterModel> ParametersOf(PlannedStage stage)
    {
        var read = ReadBy(stage);
        return Parameters.Concat(Secrets).Where(p => read.Contains(p.MemberName)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>What <paramref name="stage"/> alone asks of its job (its step receives its own secrets only).</summary>
    public static CiJobRequirements RequirementsOf(PlannedStage stage)
    {
        var requirements = new CiJobRequirements();
        Contribute(stage, requirements);
        return requirements;
    }

    /// <summary>Adds what <paramref name="stage"/>'s features ask of a CI job to <paramref name="requirements"/>.</summary>
    /// <exception cref="InvalidOperationException">The request conflicts with one already there (two environments).</exception>
    internal static void Contribute(PlannedStage stage, CiJobRequirements requirements)
    {
        foreach (var contributor in stage.Stage.Definition.AttachedFeatures.OfType<ICiJobContributor>())
        {
            contributor.Contribute(requirements);
        }
    }

    /// <summary>
    /// Member names of the parameters a stage was shown to read (definition and body) or requires. Secrets fail closed
    /// by this list being short: a step whose code cannot all be followed still gets only what it was shown to read.
    /// </summary>
    internal static HashSet<string> ReadBy(PlannedStage stage) =>
        StageCodeAnalysis.Of(stage.Stage).ParametersRead.Select(p => p.MemberName).Concat(stage.Stage.Definition.RequiredParameters).ToHashSet();
}
