using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>
/// Evaluates one stage property of a pipeline instance into a <see cref="StageModel"/>, and records the delegates
/// its property (and any property it overrides or hides) returns, which are how other stages refer to it.
/// </summary>
internal static class StageEvaluation
{
    /// <summary>Adds the stage to <paramref name="model"/>; returns the problem instead when the definition fails.</summary>
    public static string? Evaluate(PipelineModel model, StageMember member, int order)
    {
        var where = $"{model.Name}.{member.Name}";
        Stage? stage;
        try
        {
            stage = (Stage?)member.Property.GetValue(model.Instance);
        }
        catch (TargetInvocationException e)
        {
            return $"{where}: reading the stage property failed: {e.InnerException?.Message ?? e.Message}";
        }

        if (stage is null)
        {
            return $"{where}: the stage property returned null";
        }

        var definition = new StageDefinition();
        try
        {
            stage(definition);
        }
        catch (DefinitionException e)
        {
            return $"{where}: {string.Join("; ", e.Problems)}";
        }
        catch (Exception e)
        {
            return $"{where}: evaluating the definition failed: {e.Message}";
        }

        var stageModel = new StageModel(model, member.Property, member.Name, definition, order);
        model.Add(stageModel, stage);
        foreach (var hidden in member.Hidden)
        {
            // A base class or a component refers to the stage through its own property; through a class that hides it
            // (rather than implementing it) that property still returns its own delegate, which must name this stage.
            if (TryRead(hidden, model.Instance) is { } alias)
            {
                model.AddAlias(alias, stageModel);
            }
        }

        return null;
    }

    private static Stage? TryRead(PropertyInfo property, Pipeline instance)
    {
        try
        {
            return (Stage?)property.GetValue(instance);
        }
        catch (TargetInvocationException)
        {
            // A hidden member that cannot be read is never a stage; references to it are reported as unresolved.
            return null;
        }
    }
}
