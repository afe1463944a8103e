using LlmOps.Dsl;

namespace LlmOps.Emission;

/// <summary>
/// A CI workflow declared on a pipeline: its triggers, the stages it runs (with everything they depend on or
/// trigger, as the plan says) and how stages map onto jobs. Platform specifics live in the subclasses.
/// </summary>
public abstract class WorkflowDefinition
{
    private protected WorkflowDefinition(string name) => Name = name;

    /// <summary>The workflow's name; it names the generated file too.</summary>
    public string Name { get; }

    /// <summary>
    /// The push trigger: the <see cref="PushCalls"/> as one filter, or null. A platform holds one push filter per
    /// workflow, so calls merge only where that means the same (see <see cref="TriggerCalls"/>).
    /// </summary>
    public PushTrigger? Push => TriggerCalls.Merge(PushCalls.Select(c => (c.Branches, c.Paths))) is { } m ? new PushTrigger(m.Branches, m.Paths) : null;

    /// <summary>The pull request trigger: the <see cref="PullRequestCalls"/> as one filter, or null.</summary>
    public PullRequestTrigger? PullRequest =>
        TriggerCalls.Merge(PullRequestCalls.Select(c => (c.Branches, c.Paths))) is { } m ? new PullRequestTrigger(m.Branches, m.Paths) : null;

    /// <summary>Each <c>OnPush</c> call, as declared.</summary>
    public IReadOnlyList<PushTrigger> PushCalls => PushList;

    /// <summary>Each <c>OnPullRequest</c> call, as declared.</summary>
    public IReadOnlyList<PullRequestTrigger> PullRequestCalls => PullRequestList;

    /// <summary>Cron schedules (UTC).</summary>
    public IReadOnlyList<string> Schedules => SchedulesList;

    /// <summary>Whether the workflow can be started by hand with the pipeline's parameters as inputs.</summary>
    public bool ManualDispatch { get; private protected set; }

    /// <summary>
    /// Whether stage steps get MLflow's connection variables from the platform's variables and secrets, so every job
    /// records into the same tracking server as a local run with <c>MLFLOW_TRACKING_URI</c> set.
    /// </summary>
    public bool ExperimentTracking { get; private protected set; }

    /// <summary>
    /// Whether pull requests from forks may run jobs on self-hosted runners and jobs that receive secrets. Off by
    /// default: a fork's code is anyone's, and those jobs run it next to credentials or on machines of the owner's.
    /// </summary>
    public bool ForkPullRequestsAllowed { get; private protected set; }

    /// <summary>Member names of the parameters offered as manual inputs; empty means every non-secret parameter.</summary>
    public IReadOnlyList<string> DispatchInputs => DispatchInputsList;

    /// <summary>The target stages; the plan adds their dependencies and the stages they trigger.</summary>
    public IReadOnlyList<Stage> Targets => TargetsList;

    /// <summary>Explicit groups of stages that share a job.</summary>
    public IReadOnlyList<StageGroup> Groups => GroupsList;

    /// <summary>
    /// The file patterns whose hash keys the cache of a job's <c>.llmops</c> store and stage cache. A new cache entry
    /// is saved only when these files change (not for every commit or re-run), so the entries stay bounded by the
    /// source states that ran. Default: the build program's sources (<c>**/*.cs</c>, project files, props, targets, global.json).
    /// </summary>
    public IReadOnlyList<string> StoreCacheKeyFiles { get; private protected set; } = CiSources.Patterns;

    private protected List<PushTrigger> PushList { get; } = [];

    private protected List<PullRequestTrigger> PullRequestList { get; } = [];

    private protected List<string> SchedulesList { get; } = [];

    private protected List<string> DispatchInputsList { get; } = [];

    private protected List<Stage> TargetsList { get; } = [];

    private protected List<StageGroup> GroupsList { get; } = [];
}
