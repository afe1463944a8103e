using LlmOps.Emission.Yaml;

namespace LlmOps.Emission.Azure;

/// <summary>
/// Splits a workflow's jobs into Azure stages. Azure evaluates an environment's checks (approvals) before the stage
/// that uses it starts, so a deployment job sharing a stage with the build would ask for approval before anything ran.
/// Each deployment job therefore gets its own stage after the stages of everything it needs; jobs that run after a
/// failure (<c>AssuredAfterFailure</c>) get stages of their own, because a stage's condition covers all its jobs; the
/// other jobs share a stage per step of that order. Deployments to several environments are promoted in order
/// (<see cref="AzurePipeline.PromotionOrder"/>, or the order the plan first deploys them): every deployment stage
/// of an environment depends on those of the environment before it.
/// </summary>
internal static class AzureStages
{
    private const string BuildName = "Build";
    private const string AlwaysName = "Always";

    /// <summary>Lays out the stages, in an order where each comes after the stages it depends on.</summary>
    public static IReadOnlyList<AzureStage> Layout(WorkflowLayout layout, AzurePipeline pipeline)
    {
        var promotedAfter = PromotionPredecessors(layout, pipeline);
        var levels = new Dictionary<WorkflowJob, int>();
        foreach (var job in layout.Jobs)
        {
            Level(job, levels, promotedAfter, [], layout.Where);
        }

        var stages = layout.Jobs
            .GroupBy(j => (Level: levels[j], Kind: KindOf(j), Deployment: j.Deployment is null ? null : AzureEmitter.JobId(j)))
            .OrderBy(g => g.Key.Level).ThenBy(g => g.Key.Kind).ThenBy(g => layout.Jobs.ToList().IndexOf(g.First()))
            .Select(g => new AzureStage(Name(g.Key.Kind, g.Key.Level, g.Key.Deployment), g.Key.Kind, g.ToList()))
            .ToList();
        var clash = stages.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new EmissionException($"{layout.Where}: the deployment job '{clash.Key}' would share its stage's name with a stage of other jobs; rename the job (a Group) so it is not '{clash.Key}'.");
        }

        var stageOf = stages.SelectMany(s => s.Jobs.Select(j => (j, s))).ToDictionary(x => x.j, x => x.s);
        foreach (var stage in stages)
        {
            stage.DependsOn = stage.Jobs
                .SelectMany(j => j.Needs.Concat(promotedAfter.GetValueOrDefault(j, [])))
                .Select(n => stageOf[n]).Where(s => s != stage).Distinct()
                .OrderBy(stages.IndexOf).ToList();
        }

        return stages;
    }

    /// <summary>The stage entry around <paramref name="jobs"/> (the emitted jobs of <paramref name="stage"/>).</summary>
    /// <param name="stage">The stage.</param>
    /// <param name="jobs">Its emitted jobs, in order; a deployment's condition (pull request and branch guards) becomes the stage's, so a skipped deployment never asks for approval.</param>
    public static YamlMapping Emit(AzureStage stage, IReadOnlyList<YamlMapping> jobs)
    {
        var map = new YamlMapping().Add("stage", stage.Name).Add("displayName", DisplayName(stage));
        map.Add("dependsOn", new YamlSequence(stage.DependsOn.Select(s => (YamlNode)new YamlScalar(s.Name)).ToList()));
        switch (stage.Kind)
        {
            case AzureStageKind.Deployment when jobs[0]["condition"] is { } condition:
                map.Add("condition", condition);
                break;
            case AzureStageKind.Always:
                map.Add("condition", "not(canceled())");
                break;
        }

        if (stage.Kind == AzureStageKind.Deployment)
        {
            // With an exclusive lock on the environment, runs deploy one after another in queue order: a run waiting
            // for approval holds back only later deployments to the same environment, and cancels none of them.
            map.Add("lockBehavior", "sequential");
        }

        return map.Add("jobs", new YamlSequence(jobs.Select(j => (YamlNode)j).ToList()));
    }

    private static string DisplayName(AzureStage stage) => stage.Kind switch
    {
        AzureStageKind.Deployment => ExpressionText.Literal($"Deploy to {stage.Jobs[0].Deployment!.Environment}"),
        _ => string.Join(", ", stage.Jobs.Select(j => j.Name)),
    };

    private static AzureStageKind KindOf(WorkflowJob job) =>
        job.Deployment is not null ? AzureStageKind.Deployment : job.RunsAfterFailure ? AzureStageKind.Always : AzureStageKind.Build;

    private static string Name(AzureStageKind kind, int level, string? deployment) => kind switch
    {
        AzureStageKind.Deployment => deployment!,
        _ => (kind == AzureStageKind.Build ? BuildName : AlwaysName) + (level == 0 ? "" : $"_{level + 1}"),
    };

    // A job's level: jobs of one kind and level share a stage. Crossing into or out of a stage that must stand alone
    // (a deployment, or another kind) moves to the next level, so stages only ever depend on earlier ones.
    private static int Level(WorkflowJob job, Dictionary<WorkflowJob, int> levels, Dictionary<WorkflowJob, List<WorkflowJob>> promotedAfter, HashSet<WorkflowJob> visiting, string where)
    {
        if (levels.TryGetValue(job, out var known))
        {
            return known;
        }

        if (!visiting.Add(job))
        {
            throw new EmissionException($"{where}: the promotion order makes deployment job '{job.Name}' wait for itself: the plan deploys a later environment before an earlier one; change the order or the plan.");
        }

        var level = 0;
        foreach (var before in job.Needs.Concat(promotedAfter.GetValueOrDefault(job, [])))
        {
            var crosses = before.Deployment is not null || (job.Deployment is null && KindOf(before) != KindOf(job));
            level = Math.Max(level, Level(before, levels, promotedAfter, visiting, where) + (crosses ? 1 : 0));
        }

        visiting.Remove(job);
        levels[job] = level;
        return level;
    }

    private static Dictionary<WorkflowJob, List<WorkflowJob>> PromotionPredecessors(WorkflowLayout layout, AzurePipeline pipeline)
    {
        var deployments = layout.Jobs.Where(j => j.Deployment is not null).ToList();
        var environments = deployments.Select(j => j.Deployment!.Environment).Distinct().ToList();
        var order = pipeline.PromotionOrder.Count == 0 ? environments : pipeline.PromotionOrder.ToList();
        if (pipeline.PromotionOrder.Count > 0 && !(order.ToHashSet().SetEquals(environments) && order.Count == environments.Count))
        {
            throw new EmissionException(
                $"{layout.Where}: PromotesThrough({string.Join(", ", order.Select(e => $"\"{e}\""))}) must list each environment the workflow deploys to once; it deploys to {string.Join(", ", environments)}.");
        }

        var result = new Dictionary<WorkflowJob, List<WorkflowJob>>();
        for (var i = 1; i < order.Count; i++)
        {
            var previous = deployments.Where(j => j.Deployment!.Environment == order[i - 1]).ToList();
            foreach (var job in deployments.Where(j => j.Deployment!.Environment == order[i]))
            {
                result[job] = previous;
            }
        }

        return result;
    }
}

/// <summary>What a stage holds, in the order stages of one level are written.</summary>
internal enum AzureStageKind
{
    /// <summary>Jobs that run when everything before them succeeded.</summary>
    Build,

    /// <summary>Jobs that run even after a failure (<c>not(canceled())</c>).</summary>
    Always,

    /// <summary>One deployment job.</summary>
    Deployment,
}

/// <summary>One Azure stage: its jobs and the stages it waits for.</summary>
/// <param name="Name">The stage id.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Jobs">Its jobs, in plan order.</param>
internal sealed record AzureStage(string Name, AzureStageKind Kind, IReadOnlyList<WorkflowJob> Jobs)
{
    /// <summary>The stages it depends on.</summary>
    public IReadOnlyList<AzureStage> DependsOn { get; set; } = [];
}
