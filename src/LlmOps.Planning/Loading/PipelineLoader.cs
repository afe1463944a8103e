using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>
/// Turns pipeline classes into <see cref="PipelineModel"/>s: resolves parameters first (definitions may read them),
/// then evaluates every <see cref="Stage"/> property into a <see cref="StageDefinition"/>.
/// </summary>
public static class PipelineLoader
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>Loads several pipelines; every problem in any of them is reported at once.</summary>
    public static IReadOnlyList<PipelineModel> LoadAll(IEnumerable<Type> pipelineTypes, ParameterSources sources)
    {
        var models = new List<PipelineModel>();
        var problems = new List<string>();
        foreach (var type in pipelineTypes)
        {
            try
            {
                models.Add(Load(type, sources));
            }
            catch (DefinitionException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        var duplicate = models.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            problems.Add($"Two pipelines are named '{duplicate.Key}': {string.Join(", ", duplicate.Select(m => m.Type.FullName))}; override Name in one of them");
        }

        return problems.Count > 0 ? throw new DefinitionException(problems) : models;
    }

    /// <summary>Loads one pipeline.</summary>
    public static PipelineModel Load(Type pipelineType, ParameterSources sources)
    {
        if (!typeof(Pipeline).IsAssignableFrom(pipelineType) || pipelineType.IsAbstract)
        {
            throw new DefinitionException($"{pipelineType.FullName} is not a concrete Pipeline class");
        }

        var instance = (Pipeline)Activator.CreateInstance(pipelineType, nonPublic: true)!;
        Pipeline.AttachRoot(instance, sources.RootDirectory);
        var parameters = ParameterResolver.Discover(instance);
        ParameterResolver.Resolve(instance, parameters, sources);
        var model = new PipelineModel(instance, parameters);

        var order = 0;
        foreach (var property in StageProperties(pipelineType))
        {
            var stage = (Stage?)property.GetValue(instance)
                ?? throw new DefinitionException($"{model.Name}.{property.Name}: the stage property returned null");
            var definition = new StageDefinition();
            try
            {
                stage(definition);
            }
            catch (Exception e) when (e is not DefinitionException)
            {
                throw new DefinitionException($"{model.Name}.{property.Name}: evaluating the definition failed: {e.Message}");
            }

            var problems = definition.Problems.Concat(definition.AttachedFeatures.OfType<IDeclarationCheck>().SelectMany(c => c.Check(definition))).ToList();
            if (problems.Count > 0)
            {
                throw new DefinitionException(problems.Select(p => $"{model.Name}.{property.Name}: {p}").ToList());
            }

            model.Add(new StageModel(model, property.Name, definition, order++), stage.Method);
        }

        return model;
    }

    // Pipeline.Default is a Stage-typed property too, but it names a stage rather than declaring one.
    private static bool OverridesBase(PropertyInfo property) => property.GetMethod?.GetBaseDefinition().DeclaringType == typeof(Pipeline);

    private static IEnumerable<PropertyInfo> StageProperties(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(Pipeline); t = t.BaseType)
        {
            chain.Push(t);
        }

        return chain.SelectMany(t => t.GetProperties(Members).Where(p => p.PropertyType == typeof(Stage) && !OverridesBase(p)).OrderBy(p => p.MetadataToken));
    }
}
