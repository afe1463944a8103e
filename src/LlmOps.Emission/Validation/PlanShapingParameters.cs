using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>
/// Finds parameters that shape the plan: values under which the pipeline declares different stages, edges or
/// artifacts (<c>TrainIn</c> adds a stage in front of Train). The job graph of a workflow is fixed when it is
/// generated, so such a parameter cannot be a manual run's input: the run would follow a graph planned for another
/// value. Parameters with a finite set of values (booleans, enums) are tried with each value; others are not.
/// </summary>
internal static class PlanShapingParameters
{
    /// <summary>
    /// Leaves plan-shaping parameters out of <paramref name="layout"/>'s inputs when every parameter is offered, and
    /// refuses them, with the reason, when the declaration names them.
    /// </summary>
    public static void Apply(WorkflowLayout layout, string rootDirectory)
    {
        if (!layout.Workflow.ManualDispatch)
        {
            return;
        }

        var offered = layout.Inputs;
        var shaping = Of(layout.Pipeline, rootDirectory, offered);
        var named = offered.FirstOrDefault(p => shaping.Contains(p.MemberName) && layout.Workflow.DispatchInputs.Contains(p.MemberName));
        if (named is not null)
        {
            throw new EmissionException(
                $"{layout.Where}: OnManualDispatch names {named.MemberName}, but its value changes the pipeline's stages or their edges, "
                + "and a workflow's job graph is fixed when it is generated; leave it out of the inputs and declare a workflow per value instead.");
        }

        layout.PlanShaping = shaping;
    }

    public static IReadOnlySet<string> Of(PipelineModel pipeline, string rootDirectory, IEnumerable<ParameterModel> candidates)
    {
        var shaping = new HashSet<string>(StringComparer.Ordinal);
        var baseline = Shape(pipeline);
        foreach (var parameter in candidates.Where(p => !p.IsSecret))
        {
            foreach (var value in Values(parameter))
            {
                var reloaded = PipelineLoader.TryLoadWith(pipeline, rootDirectory, parameter, value);
                if (reloaded is not null && Shape(reloaded) != baseline)
                {
                    shaping.Add(parameter.MemberName);
                    break;
                }
            }
        }

        return shaping;
    }

    private static IEnumerable<string> Values(ParameterModel parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        return type == typeof(bool) ? ["true", "false"] : type.IsEnum ? Enum.GetNames(type) : [];
    }

    // What the job graph is made of: stages, their edges and the artifacts that jobs pass between them.
    private static string Shape(PipelineModel pipeline) => string.Join("\n", pipeline.Stages.Select(s =>
    {
        var d = s.Definition;
        static string Names(IEnumerable<Stage> stages) => string.Join(",", stages.Select(x => x.Method.Name));
        return string.Join("|",
            s.Name,
            Names(d.DependsOnStages),
            Names(d.AfterStages),
            Names(d.BeforeStages),
            Names(d.TriggersStages),
            Names(d.TriggeredByStages),
            string.Join(",", d.ProducedArtifacts.Select(a => a.Name)),
            string.Join(",", d.ConsumedArtifacts.Select(a => a.Name)),
            string.Join(",", d.AttachedFeatures.OfType<ICiJobContributor>().Select(f => f.ToString())));
    }));
}
