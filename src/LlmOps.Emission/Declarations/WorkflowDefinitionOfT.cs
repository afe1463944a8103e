using System.Linq.Expressions;
using LlmOps.Dsl;

namespace LlmOps.Emission;

/// <summary>The fluent declarations both platforms share; each returns the concrete workflow for chaining.</summary>
/// <typeparam name="TSelf">The concrete workflow type.</typeparam>
public abstract class WorkflowDefinition<TSelf> : WorkflowDefinition where TSelf : WorkflowDefinition<TSelf>
{
    private protected WorkflowDefinition(string name)
        : base(name)
    {
    }

    /// <summary>
    /// Runs on pushes to <paramref name="branch"/>; with <paramref name="paths"/>, only when one of them changes. Each
    /// call is one trigger: calls with the same paths add branches, calls for the same branches add paths, and calls
    /// that differ in both are an emission error (one workflow has one push filter; declare a second workflow).
    /// </summary>
    public TSelf OnPush(string branch, IReadOnlyList<string>? paths = null)
    {
        PushList.Add(new PushTrigger([branch], [.. paths ?? []]));
        return (TSelf)this;
    }

    /// <summary>
    /// Runs on pull requests (into <paramref name="branches"/>, touching <paramref name="paths"/>, when given); several
    /// calls combine as <see cref="OnPush"/>'s do.
    /// </summary>
    public TSelf OnPullRequest(IReadOnlyList<string>? branches = null, IReadOnlyList<string>? paths = null)
    {
        PullRequestList.Add(new PullRequestTrigger([.. branches ?? []], [.. paths ?? []]));
        return (TSelf)this;
    }

    /// <summary>Runs on a cron schedule (UTC), e.g. <c>0 3 * * 1</c>.</summary>
    public TSelf OnSchedule(string cron)
    {
        SchedulesList.Add(cron);
        return (TSelf)this;
    }

    /// <summary>
    /// Can be started by hand; the pipeline's non-secret parameters become typed inputs, or, when given, only
    /// <paramref name="inputs"/> (<c>() =&gt; Epochs</c>): GitHub accepts at most 10 inputs.
    /// </summary>
    public TSelf OnManualDispatch(params Expression<Func<object?>>[] inputs)
    {
        ManualDispatch = true;
        DispatchInputsList.AddRange(inputs.Select(MemberOf));
        return (TSelf)this;
    }

    /// <summary>
    /// Passes MLflow's connection to every stage step: <c>MLFLOW_TRACKING_URI</c>, <c>MLFLOW_EXPERIMENT_NAME</c> and
    /// <c>MLFLOW_TRACKING_USERNAME</c> from the platform's variables, <c>MLFLOW_TRACKING_TOKEN</c> and
    /// <c>MLFLOW_TRACKING_PASSWORD</c> from its secrets. Unset ones are dropped, and the run tracks locally.
    /// </summary>
    public TSelf TracksExperiments()
    {
        ExperimentTracking = true;
        return (TSelf)this;
    }

    /// <summary>
    /// Lets pull requests from forks run every job, including jobs on self-hosted runners (GPU runners by default) and
    /// jobs that receive secrets. Only for repositories whose forks are trusted: such a pull request runs its own code.
    /// </summary>
    public TSelf AllowForkPullRequests()
    {
        ForkPullRequestsAllowed = true;
        return (TSelf)this;
    }

    /// <summary>The stages to run; their dependencies and triggered stages are added from the plan.</summary>
    public TSelf Runs(params Stage[] targets)
    {
        TargetsList.AddRange(targets);
        return (TSelf)this;
    }

    /// <summary>Runs <paramref name="stages"/> as one job named <paramref name="jobName"/>, in plan order.</summary>
    public TSelf Group(string jobName, params Stage[] stages)
    {
        GroupsList.Add(new StageGroup(jobName, stages));
        return (TSelf)this;
    }

    /// <summary>
    /// Keys the cache of each job's store on the hash of <paramref name="patterns"/> (e.g. <c>"src/**"</c>,
    /// <c>"data/**"</c>) instead of the build program's sources; see <see cref="WorkflowDefinition.StoreCacheKeyFiles"/>.
    /// </summary>
    public TSelf CachesStoreByHashOf(params string[] patterns)
    {
        StoreCacheKeyFiles = patterns;
        return (TSelf)this;
    }

    private static string MemberOf(Expression<Func<object?>> parameter) =>
        (parameter.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : parameter.Body) is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException($"OnManualDispatch takes parameters as () => Member, not '{parameter.Body}'.", nameof(parameter));
}
