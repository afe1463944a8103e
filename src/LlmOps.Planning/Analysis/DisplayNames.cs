using System.Text.RegularExpressions;
using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// Names for people, in the reasons a stage is keyed on the whole assembly: <c>a lambda in SupportPipeline.Train</c>
/// rather than <c>SupportPipeline/&lt;&gt;c::&lt;get_Train&gt;b__12_0</c>. Only words come from here, never identities.
/// </summary>
internal static partial class DisplayNames
{
    /// <summary>The method as a person would name it.</summary>
    public static string Of(MethodDefinition method)
    {
        var (type, origin) = UserType(method.DeclaringType);
        var name = method.Name;
        var match = Generated().Match(name);
        if (match.Success)
        {
            var enclosing = Property(match.Groups["origin"].Value);
            return match.Groups["kind"].Value switch
            {
                "g" => $"local function {LocalName(match.Groups["rest"].Value)} in {type}.{enclosing}",
                _ => $"a lambda in {type}.{enclosing}",
            };
        }

        if (origin is not null)
        {
            return $"{type}.{origin} (its async or iterator body)";
        }

        return name.StartsWith("set_", StringComparison.Ordinal) ? $"the setter of {type}.{name[4..]}"
            : name.StartsWith("add_", StringComparison.Ordinal) ? $"the add accessor of {type}.{name[4..]}"
            : $"{type}.{Property(name)}";
    }

    /// <summary>The type as a person would name it (no namespace; a generated type by the type it was generated in).</summary>
    public static string Of(TypeReference type) => UserType(type).Name;

    /// <summary>A field as a person would name it; an auto-property's backing field by its property.</summary>
    public static string Of(FieldReference field)
    {
        var name = BackingField().Match(field.Name) is { Success: true } m ? m.Groups["property"].Value : field.Name;
        return $"{Of(field.DeclaringType)}.{name}";
    }

    /// <summary>A method reference outside the analysed code, e.g. <c>Activator.CreateInstance</c>.</summary>
    public static string Of(MethodReference method) => method is MethodDefinition definition ? Of(definition) : $"{method.DeclaringType.Name.Split('`')[0]}.{Property(method.Name)}";

    private static (string Name, string? Origin) UserType(TypeReference type)
    {
        string? origin = null;
        while (CodeNames.IsUnspeakable(type.Name) && type.DeclaringType is { } outer)
        {
            origin ??= StateMachine().Match(type.Name) is { Success: true } s ? Property(s.Groups["origin"].Value) : null;
            type = outer;
        }

        return (type.Name.Split('`')[0], origin);
    }

    private static string Property(string name) => name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal) ? name[4..] : name;

    private static string LocalName(string rest) => rest.Split('|')[0];

    [GeneratedRegex(@"^<(?<origin>[^>]*)>(?<kind>[bg])__(?<rest>.*)$")]
    private static partial Regex Generated();

    [GeneratedRegex(@"^<(?<origin>[^>]+)>d__")]
    private static partial Regex StateMachine();

    [GeneratedRegex(@"^<(?<property>[^>]+)>k__BackingField$")]
    private static partial Regex BackingField();
}
