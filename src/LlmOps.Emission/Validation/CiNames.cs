using System.Text.RegularExpressions;
using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>
/// The one rule for every name that reaches a CI script, a cache key or an artifact path: the pipeline's, its stages',
/// its artifacts', and the workflow's file, group and job names. A name that passes cannot end a shell word, start an
/// option, expand a variable or open a platform expression, so the emitters may write it into <c>run:</c> and
/// <c>bash:</c> lines as is; every other piece of user text reaches a step only through <c>env:</c>.
/// </summary>
public static partial class CiNames
{
    /// <summary>The pattern, for messages and documentation.</summary>
    public const string Rule = "an ASCII letter, then up to 99 ASCII letters, digits, '_' or '-'";

    /// <summary>Whether <paramref name="name"/> may appear in a CI script.</summary>
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>Checks every name of <paramref name="pipeline"/> and <paramref name="workflow"/> that the emitters write into scripts.</summary>
    /// <exception cref="EmissionException">A name breaks the rule; the message names it and what it names.</exception>
    internal static void Check(PipelineModel pipeline, WorkflowDefinition workflow, ExecutionPlan plan, string where)
    {
        Require(pipeline.Name, "the pipeline name (Pipeline.Name)", where);
        if (workflow.Name.Length > 0 || workflow is not AzurePipeline)
        {
            Require(workflow.Name, "the workflow name", where);
        }

        foreach (var stage in plan.Stages)
        {
            Require(stage.Stage.Name, $"the stage name of {stage.Id}", where);
            foreach (var artifact in stage.Stage.Definition.ProducedArtifacts.Concat(stage.Stage.Definition.ConsumedArtifacts))
            {
                Require(artifact.Name, $"the artifact name (used by {stage.Id})", where);
            }

            // A feature's secret names the step's variable (in the script's loop) and the store's secret (in an expression).
            foreach (var secret in WorkflowJob.RequirementsOf(stage).Secrets)
            {
                if (!Variable().IsMatch(secret.Variable) || !Variable().IsMatch(secret.Secret))
                {
                    throw new EmissionException($"{where}: stage {stage.Id} asks for the secret '{Shown(secret.Secret)}' as '{Shown(secret.Variable)}'; both must be environment variable names (upper-case ASCII letters, digits and '_').");
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
        if (!IsValid(name))
        {
            throw new EmissionException($"{where}: {what} '{Shown(name)}' cannot be written into a CI script; use {Rule}.");
        }
    }

    // The message must not carry the hostile text in a form a terminal or log viewer acts on.
    private static string Shown(string name)
    {
        var shown = new string(name.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return name.Length > 80 ? shown + "..." : shown;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]{0,99}\z")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_]{0,99}\z")]
    private static partial Regex Variable();
}
