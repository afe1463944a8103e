using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>
/// Finds the pipelines to run: every concrete <see cref="Pipeline"/> class in the given assemblies, so a new
/// pipeline needs only its class. Abstract classes (shared bases) and open generic classes are not pipelines.
/// </summary>
public static class PipelineDiscovery
{
    /// <summary>
    /// The pipeline classes of <paramref name="assemblies"/>: assembly by assembly in the order given, and within
    /// each by full type name, so <c>--help</c> and plans list them the same way on every machine.
    /// </summary>
    public static IReadOnlyList<Type> Find(params IEnumerable<Assembly> assemblies) =>
        assemblies
            .Distinct()
            .SelectMany(a => TypesOf(a).Where(IsPipeline).OrderBy(t => t.FullName, StringComparer.Ordinal))
            .ToList();

    private static bool IsPipeline(Type type) =>
        typeof(Pipeline).IsAssignableFrom(type) && type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false };

    // A type that fails to load (a missing dependency) is left out here; its pipeline cannot run either way.
    private static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
