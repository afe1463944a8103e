using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>A workflow resolved against its pipeline: the plan cut for its targets and the jobs that run it.</summary>
public sealed class WorkflowLayout
{
    internal WorkflowLayout(PipelineModel pipeline, WorkflowDefinition workflow, ExecutionPlan plan, IReadOnlyList<WorkflowJob> jobs) =>
        (Pipeline, Workflow, Plan, Jobs) = (pipeline, workflow, plan, jobs);

    /// <summary>The pipeline the workflow belongs to.</summary>
    public PipelineModel Pipeline { get; }

    /// <summary>The declaration.</summary>
    public WorkflowDefinition Workflow { get; }

    /// <summary>The plan, the same structure the local executor runs.</summary>
    public ExecutionPlan Plan { get; }

    /// <summary>The jobs in plan order (a job comes after every job it needs).</summary>
    public IReadOnlyList<WorkflowJob> Jobs { get; }

    /// <summary>Non-secret parameters offered as inputs of a manual run (all, or those chosen), in declaration order.</summary>
    public IReadOnlyList<ParameterModel> Inputs =>
        Workflow.ManualDispatch
            ? Pipeline.Parameters.Where(p => !p.IsSecret && !PlanShaping.Contains(p.MemberName) && (Workflow.DispatchInputs.Count == 0 || Workflow.DispatchInputs.Contains(p.MemberName))).ToList()
            : [];

    /// <summary>Member names of parameters whose values change the job graph; never inputs (<see cref="PlanShapingParameters"/>).</summary>
    internal IReadOnlySet<string> PlanShaping { get; set; } = new HashSet<string>();

    /// <summary>The job graph: each job's name with the names of the jobs it needs.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> JobGraph() =>
        Jobs.ToDictionary(j => j.Name, j => (IReadOnlySet<string>)j.Needs.Select(n => n.Name).ToHashSet());

    /// <summary>The job that runs <paramref name="stage"/>.</summary>
    public WorkflowJob JobOf(StageModel stage) => Jobs.First(j => j.Stages.Any(s => s.Stage == stage));

    /// <summary>A prefix for messages: <c>Support: workflow 'train' (GitHub Actions)</c>.</summary>
    public string Where => Describe(Pipeline, Workflow);

    internal static string Describe(PipelineModel pipeline, WorkflowDefinition workflow)
    {
        var platform = workflow switch
        {
            GitHubWorkflow => "GitHub Actions workflow",
            IWorkflowPlatform other => other.PlatformName,
            _ => "Azure Pipelines pipeline",
        };
        return $"{pipeline.Name} ({pipeline.Type.FullName}): {platform} '{CiNames.Shown(workflow.Name)}'";
    }
}
