using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>
/// A <see cref="Stage"/> property that declares a stage: its name, the property to evaluate, and the same-named
/// properties it overrides or hides, whose delegates denote the same stage.
/// </summary>
/// <param name="Name">The stage name (the property name, without an explicit implementation's interface).</param>
/// <param name="Property">The property evaluated for the definition.</param>
/// <param name="Hidden">Properties of base classes or components with the same name.</param>
internal sealed record StageMember(string Name, PropertyInfo Property, IReadOnlyList<PropertyInfo> Hidden);

/// <summary>
/// Finds the stages of a pipeline class: Stage properties of the class and its base classes (base first, in
/// declaration order), then those of the components it implements (interfaces, base components first). The most
/// derived class declaration of a name wins, as NUKE's does: a class property overrides or hides a base class
/// property or a component's default member of the same name, whether it implements it or not.
/// </summary>
internal static class StageMembers
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<StageMember> Of(Type pipelineType, List<string> problems)
    {
        var members = new List<StageMember>();
        foreach (var type in ClassChain(pipelineType))
        {
            foreach (var property in type.GetProperties(Declared).Where(IsStage).Where(p => !NamesDefault(p)).OrderBy(p => p.MetadataToken))
            {
                AddClassMember(members, type, property, problems);
            }
        }

        var fromComponents = Components(pipelineType)
            .SelectMany(i => i.GetProperties(Declared).Where(IsStage).Where(p => !IsExplicitImplementation(p)).OrderBy(p => p.MetadataToken))
            .GroupBy(p => p.Name);
        foreach (var group in fromComponents)
        {
            var index = members.FindIndex(m => m.Name == group.Key);
            if (index >= 0)
            {
                members[index] = members[index] with { Hidden = [.. members[index].Hidden, .. group] };
                continue;
            }

            var chosen = MostSpecific(group.ToList());
            if (chosen is null)
            {
                problems.Add($"{pipelineType.Name}: stage {group.Key} is declared by several components ({string.Join(", ", group.Select(p => p.DeclaringType!.Name))}); declare {group.Key} in the class to choose");
                continue;
            }

            members.Add(new StageMember(group.Key, chosen, group.Where(p => p != chosen).ToList()));
        }

        return members;
    }

    /// <summary>The stage names of a pipeline class, for naming the targets of a pipeline that failed to load.</summary>
    public static IReadOnlyList<string> NamesOf(Type pipelineType) => Of(pipelineType, []).Select(m => m.Name).ToList();

    /// <summary>Base classes first, without <see cref="Pipeline"/> itself.</summary>
    public static IEnumerable<Type> ClassChain(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(Pipeline); t = t.BaseType)
        {
            chain.Push(t);
        }

        return chain;
    }

    /// <summary>The interfaces a pipeline implements, base components first, then by name, so the order is stable.</summary>
    public static IEnumerable<Type> Components(Type type) =>
        type.GetInterfaces().Where(i => i != typeof(IPipeline)).OrderBy(i => i.GetInterfaces().Length).ThenBy(i => i.FullName, StringComparer.Ordinal);

    /// <summary><c>Stage IEvaluateModel.Evaluate =&gt; ...</c> is named <c>Ns.IEvaluateModel.Evaluate</c> in metadata.</summary>
    public static string ShortName(MemberInfo member) => member.Name[(member.Name.LastIndexOf('.') + 1)..];

    public static bool IsExplicitImplementation(MemberInfo member) => member.Name.Contains('.');

    private static void AddClassMember(List<StageMember> members, Type type, PropertyInfo property, List<string> problems)
    {
        var name = ShortName(property);
        var index = members.FindIndex(m => m.Name == name);
        if (index < 0)
        {
            members.Add(new StageMember(name, property, []));
        }
        else if (members[index].Property.DeclaringType == type)
        {
            problems.Add($"{type.Name}: two properties declare stage {name} ({members[index].Property.Name}, {property.Name})");
        }
        else
        {
            // A derived class's property replaces the base one in place, so the base's declaration order is kept.
            members[index] = new StageMember(name, property, [.. members[index].Hidden, members[index].Property]);
        }
    }

    // Of two components declaring the same name, the one that extends the other hides it; unrelated ones are ambiguous.
    private static PropertyInfo? MostSpecific(List<PropertyInfo> candidates) =>
        candidates.SingleOrDefault(c => candidates.All(o => o == c || o.DeclaringType!.IsAssignableFrom(c.DeclaringType)));

    private static bool IsStage(PropertyInfo property) => property.PropertyType == typeof(Stage) && property.GetIndexParameters().Length == 0;

    // Pipeline.Default is a Stage-typed property too, but it names a stage rather than declaring one.
    private static bool NamesDefault(PropertyInfo property) => property.GetMethod?.GetBaseDefinition().DeclaringType == typeof(Pipeline);
}
