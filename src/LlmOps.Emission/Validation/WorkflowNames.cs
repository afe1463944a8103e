using System.Text.RegularExpressions;
using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>
/// Holds the names only a workflow declares (its file name, its groups) and the secrets features ask for to the rule
/// of <see cref="CiNames"/>. The pipeline's, its stages' and its artifacts' names need no check here: a pipeline that
/// breaks the rule fails to load, so no <see cref="PipelineModel"/> carries one.
/// </summary>
internal static partial class WorkflowNames
{
    /// <summary>Checks every name of <paramref name="workflow"/> that the emitters write into scripts.</summary>
    /// <exception cref="EmissionException">A name breaks the rule; the message names it and what it names.</exception>
    public static void Check(WorkflowDefinition workflow, ExecutionPlan plan, string where)
    {
        if (workflow.Name.Length > 0 || workflow is not AzurePipeline)
        {
            Require(workflow.Name, "the workflow name", where);
        }

        foreach (var stage in plan.Stages)
        {
            // A feature's secret names the step's variable (in the script's loop) and the store's secret (in an expression).
            foreach (var secret in WorkflowJob.RequirementsOf(stage).Secrets)
            {
                if (!Variable().IsMatch(secret.Variable) || !Variable().IsMatch(secret.Secret))
                {
                    throw new EmissionException($"{where}: stage {stage.Id} asks for the secret '{CiNames.Shown(secret.Secret)}' as '{CiNames.Shown(secret.Variable)}'; both must be environment variable names (upper-case ASCII letters, digits and '_').");
                }
            }
        }

        foreach (var group in workflow.Groups)
        {
            Require(group.JobName, "the group name", where);
        }
    }

    private static void Require(string name, string what, string where)
    {
        if (!CiNames.IsValid(name))
        {
            throw new EmissionException($"{where}: {what} '{CiNames.Shown(name)}' cannot be written into a CI script; use {CiNames.Rule}.");
        }
    }

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_]{0,99}\z")]
    private static partial Regex Variable();
}
