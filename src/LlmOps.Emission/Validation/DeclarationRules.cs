using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>
/// Declaration mistakes that would otherwise be dropped without a word: a dispatch input that is not a parameter of
/// the pipeline (or is a secret), and a runner or pool set for a stage the workflow does not run.
/// </summary>
internal static class DeclarationRules
{
    public static void Check(PipelineModel pipeline, WorkflowDefinition workflow, ExecutionPlan plan, string where)
    {
        foreach (var member in workflow.DispatchInputs)
        {
            var parameter = pipeline.Parameters.FirstOrDefault(p => p.MemberName == member)
                ?? throw new EmissionException($"{where}: OnManualDispatch names {member}, which is not a [Parameter] of {pipeline.Name}; name parameters only.");
            if (parameter.IsSecret)
            {
                throw new EmissionException($"{where}: OnManualDispatch names the secret parameter {member}; secrets come from the platform's secret store, never from a manual run's inputs.");
            }
        }

        var overrides = workflow switch
        {
            GitHubWorkflow github => github.RunnerOverrides.Select(o => o.Stage),
            AzurePipeline azure => azure.PoolOverrides.Select(o => o.Stage),
            _ => [],
        };
        foreach (var stage in overrides)
        {
            CheckInPlan(pipeline, plan, stage, where);
        }
    }

    private static void CheckInPlan(PipelineModel pipeline, ExecutionPlan plan, Stage stage, string where)
    {
        var model = pipeline.Find(stage)
            ?? throw new EmissionException($"{where}: RunsOn names a stage ({stage.Method.Name}) that is not a Stage property of {pipeline.Name}.");
        if (plan.Find(model) is null)
        {
            throw new EmissionException($"{where}: RunsOn names {model.Id}, which the workflow's targets do not run; remove it or add the stage to Runs(...).");
        }
    }
}
