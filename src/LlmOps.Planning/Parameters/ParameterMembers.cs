using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>
/// Finds the <see cref="ParameterAttribute"/> members of a pipeline class: fields and properties of the class and its
/// base classes (most derived first), then properties of the components it implements. A component parameter belongs
/// to the component: a class member of the same name is a mistake, because the component's code would read its own
/// getter while the class's code read the class member.
/// </summary>
internal static class ParameterMembers
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static List<(MemberInfo Member, ParameterAttribute Attribute)> Of(Type pipelineType, List<string> problems)
    {
        var found = new List<(MemberInfo Member, ParameterAttribute Attribute)>();
        foreach (var type in StageMembers.ClassChain(pipelineType).Reverse())
        {
            foreach (var member in type.GetMembers(Declared).OrderBy(m => m.MetadataToken))
            {
                // An override carries the base's attribute too; the most derived declaration stands for both.
                if (member.GetCustomAttribute<ParameterAttribute>() is { } attribute && !found.Any(f => f.Member.Name == member.Name))
                {
                    found.Add((member, attribute));
                }
            }
        }

        foreach (var component in StageMembers.Components(pipelineType))
        {
            foreach (var property in component.GetProperties(Declared).Where(p => !StageMembers.IsExplicitImplementation(p)).OrderBy(p => p.MetadataToken))
            {
                if (property.GetCustomAttribute<ParameterAttribute>() is not { } attribute)
                {
                    continue;
                }

                var clash = found.FirstOrDefault(f => f.Member.Name == property.Name).Member;
                if (clash is not null)
                {
                    problems.Add($"{pipelineType.Name}: parameter {property.Name} is declared by {Owner(clash)} and by component {component.Name}; " +
                        "declare it once (to change a component parameter's value for this pipeline, set it in .nuke/parameters.json)");
                    continue;
                }

                found.Add((property, attribute));
            }
        }

        return found;
    }

    /// <summary>The command-line names a pipeline class declares, for a pipeline that failed to load.</summary>
    public static IReadOnlyList<string> NamesOf(Type pipelineType) =>
        Of(pipelineType, []).Select(m => m.Attribute.Name ?? ParameterNames.ToKebab(m.Member.Name)).ToList();

    private static string Owner(MemberInfo member) => member.DeclaringType is { IsInterface: true } i ? $"component {i.Name}" : member.DeclaringType?.Name ?? "?";
}
