using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>
/// Turns pipeline classes into <see cref="PipelineModel"/>s: resolves parameters first (definitions may read them),
/// then evaluates every <see cref="Stage"/> property, of the class and of its components, into a <see cref="StageDefinition"/>.
/// </summary>
public static class PipelineLoader
{
    /// <summary>Loads several pipelines; every problem in any of them is reported at once.</summary>
    public static IReadOnlyList<PipelineModel> LoadAll(IEnumerable<Type> pipelineTypes, ParameterSources sources)
    {
        var outcomes = pipelineTypes.Select(t => LoadOne(t, sources)).ToList();
        var problems = outcomes.SelectMany(o => o.Problems).ToList();
        foreach (var clash in NameClashes(outcomes))
        {
            problems.Add(clash.Problem);
        }

        return problems.Count > 0 ? throw new DefinitionException(problems) : outcomes.Select(o => o.Model!).ToList();
    }

    /// <summary>Loads one pipeline.</summary>
    public static PipelineModel Load(Type pipelineType, ParameterSources sources)
    {
        var outcome = LoadOne(pipelineType, sources);
        return outcome.Problems.Any() ? throw new DefinitionException(outcome.Problems.ToList()) : outcome.Model!;
    }

    /// <summary>
    /// <paramref name="pipeline"/> loaded again with one parameter set to <paramref name="value"/> (and every other at its
    /// default), or null when it does not define under that value. Emitters try values this way to learn what a
    /// parameter shapes, since definitions may read parameters.
    /// </summary>
    public static PipelineModel? TryLoadWith(PipelineModel pipeline, string rootDirectory, ParameterModel parameter, string value)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(parameter);
        var sources = new ParameterSources(rootDirectory, new Dictionary<string, string> { [parameter.Name] = value }, _ => null, []);
        var outcome = LoadOne(pipeline.Type, sources);
        return outcome.Problems.Any() ? null : outcome.Model;
    }

    /// <summary>Loads one pipeline without throwing; the outcome holds the model and every problem.</summary>
    internal static LoadOutcome LoadOne(Type pipelineType, ParameterSources sources)
    {
        var outcome = new LoadOutcome(pipelineType, DefaultName(pipelineType));
        if (!typeof(Pipeline).IsAssignableFrom(pipelineType) || pipelineType.IsAbstract)
        {
            outcome.DefinitionProblems.Add($"{pipelineType.FullName} is not a concrete Pipeline class");
            return outcome;
        }

        if (Instantiate(pipelineType, sources, outcome) is not { } instance)
        {
            return outcome;
        }

        var parameters = ParameterResolver.Discover(instance, outcome.DefinitionProblems);
        ParameterResolver.Resolve(instance, parameters, sources, outcome.ValueProblems, outcome.DefinitionProblems);
        var model = new PipelineModel(instance, outcome.Name, parameters);
        var members = StageMembers.Of(pipelineType, outcome.DefinitionProblems);
        for (var order = 0; order < members.Count; order++)
        {
            outcome.DefinitionProblems.AddRange(StageEvaluation.Evaluate(model, members[order], order));
        }

        outcome.Model = model;
        return outcome;
    }

    /// <summary>Pipelines sharing a name, which no target could tell apart; each clash names all of them.</summary>
    internal static IEnumerable<(IReadOnlyList<LoadOutcome> Outcomes, string Problem)> NameClashes(IEnumerable<LoadOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => ((IReadOnlyList<LoadOutcome>)g.ToList(), $"Two pipelines are named '{g.Key}': {string.Join(", ", g.Select(o => o.Type.FullName))}; override Name in one of them"));

    private static Pipeline? Instantiate(Type pipelineType, ParameterSources sources, LoadOutcome outcome)
    {
        Pipeline instance;
        try
        {
            instance = (Pipeline)Activator.CreateInstance(pipelineType, nonPublic: true)!;
        }
        catch (MissingMethodException)
        {
            outcome.DefinitionProblems.Add($"{pipelineType.Name}: a pipeline class needs a constructor without parameters");
            return null;
        }
        catch (TargetInvocationException e)
        {
            outcome.DefinitionProblems.Add($"{pipelineType.Name}: the constructor failed: {e.InnerException?.Message ?? e.Message}");
            return null;
        }

        Pipeline.AttachRoot(instance, sources.RootDirectory);
        string name;
        try
        {
            name = instance.Name;
        }
        catch (Exception e)
        {
            // Name is virtual: an override that throws leaves the pipeline unaddressable, which is its problem alone.
            outcome.DefinitionProblems.Add($"{pipelineType.Name}: reading Name failed: {e.Message}");
            return null;
        }

        if (CiNames.IsValid(name))
        {
            outcome.Name = name;
        }
        else
        {
            // The name is written into CI scripts and targets; the class keeps its default name, so the failure is
            // reported under a name that is safe to print. Loading goes on, so every other problem is listed too.
            outcome.DefinitionProblems.Add($"{pipelineType.Name}: the pipeline name (Name) '{CiNames.Shown(name)}' is not valid: use {CiNames.Rule} (it reaches CI scripts)");
        }

        return instance;
    }

    private static string DefaultName(Type type) =>
        type.Name.EndsWith("Pipeline", StringComparison.Ordinal) && type.Name.Length > "Pipeline".Length ? type.Name[..^"Pipeline".Length] : type.Name;
}
