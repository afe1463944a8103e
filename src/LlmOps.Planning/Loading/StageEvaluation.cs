using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>
/// Evaluates one stage property of a pipeline instance into a <see cref="StageModel"/>, and records the delegates
/// its property (and any property it overrides or hides) returns, which are how other stages refer to it.
/// </summary>
internal static class StageEvaluation
{
    /// <summary>Adds the stage to <paramref name="model"/>; returns the problems instead when the definition fails.</summary>
    public static IReadOnlyList<string> Evaluate(PipelineModel model, StageMember member, int order)
    {
        var problems = new List<string>();
        if (!CiNames.IsValid(member.Name))
        {
            // A property name is a C# identifier, which may still start with '_', hold non-ASCII letters or run long.
            problems.Add($"the stage name '{CiNames.Shown(member.Name)}' is not valid: use {CiNames.Rule} (it reaches CI scripts)");
        }

        if (Read(model, member, order, problems) is { } problem)
        {
            problems.Add(problem);
        }

        return problems.Select(p => $"{model.Name}.{member.Name}: {p}").ToList();
    }

    private static string? Read(PipelineModel model, StageMember member, int order, List<string> problems)
    {
        Stage? stage;
        try
        {
            stage = (Stage?)member.Property.GetValue(model.Instance);
        }
        catch (TargetInvocationException e)
        {
            return $"reading the stage property failed: {e.InnerException?.Message ?? e.Message}";
        }

        if (stage is null)
        {
            return "the stage property returned null";
        }

        var definition = new StageDefinition();
        try
        {
            stage(definition);
        }
        catch (DefinitionException e)
        {
            return string.Join("; ", e.Problems);
        }
        catch (Exception e)
        {
            return $"evaluating the definition failed: {e.Message}";
        }

        // Mistakes recorded while defining (a second body) and features that judge the whole declaration.
        problems.AddRange(definition.Problems.Concat(definition.AttachedFeatures.OfType<IDeclarationCheck>().SelectMany(c => c.Check(definition))));
        if (problems.Count > 0)
        {
            return null;
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
