using System.Text.RegularExpressions;
using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>
/// Cuts the plan for a workflow's targets and maps its stages onto jobs: one job per stage unless grouped, each
/// job needing the jobs of its stages' predecessors, so the job graph is the plan's graph.
/// </summary>
public static partial class WorkflowPlanner
{
    /// <summary>Stages without a timeout get this much time in CI.</summary>
    public static readonly TimeSpan DefaultStageTimeout = TimeSpan.FromMinutes(60);

    /// <summary>Minutes added to a job's limit for checkout, SDK setup, caches and artifact transfers.</summary>
    public const int SetupMinutes = 10;

    /// <summary>Lays out <paramref name="workflow"/> of <paramref name="pipeline"/> over the validated <paramref name="graph"/>.</summary>
    public static WorkflowLayout Layout(PipelineModel pipeline, StageGraph graph, WorkflowDefinition workflow)
    {
        var where = WorkflowLayout.Describe(pipeline, workflow);
        if (workflow.Targets.Count == 0)
        {
            throw new EmissionException($"{where}: no stages to run; call .Runs(SomeStage).");
        }

        var targets = workflow.Targets.Select(t => Resolve(pipeline, t, where, "Runs")).Distinct().ToList();

        // Skipping every stage keeps the plan's selection, order and edges but leaves out what only matters to a
        // local run now: plan-time conditions and required parameters are checked by the executor in each CI job.
        var plan = PlanBuilder.Build(graph, targets, SkipSelection.Of(graph.Stages));
        var foreign = plan.Stages.FirstOrDefault(s => s.Stage.Pipeline != pipeline);
        if (foreign is not null)
        {
            throw new EmissionException($"{where}: the plan includes {foreign.Id} of another pipeline; a workflow runs the stages of one pipeline. (Pipelines that share stage definitions through a base class resolve each other's stages; load them separately.)");
        }

        WorkflowNames.Check(workflow, plan, where);
        TriggerRules.Check(workflow, where);
        DeclarationRules.Check(pipeline, workflow, plan, where);
        var jobs = Jobs(pipeline, workflow, plan, where);
        var byStage = jobs.SelectMany(j => j.Stages.Select(s => (s, j))).ToDictionary(x => x.s, x => x.j);
        foreach (var job in jobs)
        {
            Fill(job, byStage, pipeline, where);
        }

        var ordered = Order(jobs, where);
        CarriedFiles.Link(ordered, where);
        return new WorkflowLayout(pipeline, workflow, plan, ordered);
    }

    private static List<WorkflowJob> Jobs(PipelineModel pipeline, WorkflowDefinition workflow, ExecutionPlan plan, string where)
    {
        var groupOf = new Dictionary<StageModel, string>();
        foreach (var group in workflow.Groups)
        {
            CheckJobName(group.JobName, where);
            foreach (var stage in group.Stages.Select(s => Resolve(pipeline, s, where, $"Group(\"{group.JobName}\")")))
            {
                if (!groupOf.TryAdd(stage, group.JobName) && groupOf[stage] != group.JobName)
                {
                    throw new EmissionException($"{where}: stage {stage.Id} is in two groups, '{groupOf[stage]}' and '{group.JobName}'.");
                }

                if (plan.Find(stage) is null)
                {
                    throw new EmissionException($"{where}: Group(\"{group.JobName}\") names {stage.Id}, which the workflow's targets do not run.");
                }
            }
        }

        var jobs = new List<WorkflowJob>();
        foreach (var name in plan.Stages.Select(s => groupOf.GetValueOrDefault(s.Stage) ?? s.Stage.Name).Distinct())
        {
            var stages = plan.Stages.Where(s => (groupOf.GetValueOrDefault(s.Stage) ?? s.Stage.Name) == name).ToList();
            if (!groupOf.ContainsKey(stages[0].Stage))
            {
                CheckJobName(name, where, stages[0].Id);
            }

            jobs.Add(new WorkflowJob(name, stages));
        }

        var duplicate = jobs.GroupBy(j => j.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? jobs
            : throw new EmissionException($"{where}: two jobs would be named '{duplicate.Key}'; rename the group.");
    }

    private static void Fill(WorkflowJob job, Dictionary<PlannedStage, WorkflowJob> byStage, PipelineModel pipeline, string where)
    {
        job.Needs = job.Stages.SelectMany(s => s.Predecessors).Select(p => byStage[p]).Where(j => j != job).Distinct().ToList();
        var produced = job.Stages.SelectMany(s => s.Stage.Definition.ProducedArtifacts).Select(a => a.Name).ToHashSet();
        job.Uploads = produced.Order(StringComparer.Ordinal).ToList();
        job.Downloads = job.Stages.SelectMany(s => s.Stage.Definition.ConsumedArtifacts).Select(a => a.Name)
            .Where(a => !produced.Contains(a)).Distinct().Order(StringComparer.Ordinal).ToList();

        // Stage kinds state what their jobs need through ICiJobContributor; the emitters render the neutral model.
        foreach (var stage in job.Stages)
        {
            try
            {
                WorkflowJob.Contribute(stage, job.Requirements);
            }
            catch (InvalidOperationException e)
            {
                var deployments = job.Stages.Select(s => (s.Id, WorkflowJob.RequirementsOf(s).Deployment)).Where(d => d.Deployment is not null).ToList();
                throw new EmissionException(deployments.Select(d => d.Deployment!.Environment).Distinct().Count() > 1
                    ? $"{where}: job '{job.Name}' would deploy to several environments ({string.Join(", ", deployments.Select(d => $"{d.Id} -> {d.Deployment!.Environment}"))}); put them in separate jobs."
                    : $"{where}: job '{job.Name}' cannot hold stage {stage.Id}: {e.Message}; put such stages in separate jobs.");
            }
        }

        job.RunsAfterFailure = job.Stages.Any(s => s.Stage.Definition.IsAssuredAfterFailure);
        job.TimeoutMinutes = JobTimeouts.Minutes(job.Stages, DefaultStageTimeout, SetupMinutes, where, job.Name);

        var used = job.Stages.SelectMany(WorkflowJob.ReadBy).ToHashSet();
        var parameters = pipeline.Parameters.Where(p => used.Contains(p.MemberName)).ToList();
        foreach (var parameter in parameters)
        {
            var variable = ParameterNames.ToEnvironment(parameter.Name);
            if (!EnvironmentName().IsMatch(variable))
            {
                throw new EmissionException($"{where}: parameter '{parameter.Name}' ({parameter.MemberName}) cannot be passed as an environment variable; give it a name of letters, digits and '-'.");
            }

            if (ReservedVariables.IsReserved(variable))
            {
                throw new EmissionException($"{where}: parameter '{parameter.Name}' ({parameter.MemberName}) would be passed as {variable}, which collides with {ReservedVariables.Collision(variable)} that the shell, the runner or LlmOps itself sets; rename it with [Parameter(Name = ...)].");
            }
        }

        job.Parameters = parameters.Where(p => !p.IsSecret).ToList();
        job.Secrets = parameters.Where(p => p.IsSecret).ToList();
    }

    // Jobs come in the order of their first stage; a group that interleaves with other jobs can make a job need
    // one that comes later (or form a cycle), which no CI platform can run.
    private static List<WorkflowJob> Order(List<WorkflowJob> jobs, string where)
    {
        var ordered = new List<WorkflowJob>();
        var done = new HashSet<WorkflowJob>();
        var remaining = jobs.ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(j => j.Needs.All(done.Contains))
                ?? throw new EmissionException($"{where}: the groups make jobs wait for each other in a cycle ({string.Join(", ", remaining.Select(j => j.Name))}); group only stages that run one after another.");
            ordered.Add(next);
            done.Add(next);
            remaining.Remove(next);
        }

        return ordered;
    }

    private static StageModel Resolve(PipelineModel pipeline, Stage stage, string where, string call) =>
        pipeline.Find(stage) ?? throw new EmissionException($"{where}: {call} names a stage ({stage.Method.Name}) that is not a Stage property of {pipeline.Name}.");

    private static void CheckJobName(string name, string where, string? stageId = null)
    {
        if (!JobName().IsMatch(name))
        {
            throw new EmissionException(stageId is null
                ? $"{where}: group name '{name}' is not a valid job name; use ASCII letters, digits and '_', starting with a letter."
                : $"{where}: stage {stageId} cannot be a job name as is; use ASCII letters, digits and '_', or put it in a Group with such a name.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,99}\z")]
    private static partial Regex JobName();

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_]*\z")]
    private static partial Regex EnvironmentName();
}
