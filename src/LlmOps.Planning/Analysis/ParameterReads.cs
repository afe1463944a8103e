using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// The members marked <c>[Parameter]</c> in the analysed code. Reading one is a parameter read: its value enters the
/// cache key, so its getter and writers are not followed (the loader sets it by reflection).
/// </summary>
internal sealed class ParameterReads(UserCode code)
{
    private const string Attribute = "LlmOps.Dsl.ParameterAttribute";

    private Index? _index;

    /// <summary>Whether <paramref name="field"/> is a parameter.</summary>
    public bool IsParameter(FieldDefinition field) => Build().Fields.Contains(field);

    /// <summary>The parameter property whose getter <paramref name="method"/> is, or null.</summary>
    public PropertyDefinition? PropertyOf(MethodDefinition method) => Build().Getters.GetValueOrDefault(method);

    private Index Build()
    {
        if (_index is null)
        {
            var fields = new HashSet<FieldDefinition>();
            var getters = new Dictionary<MethodDefinition, PropertyDefinition>();
            foreach (var type in code.Modules.SelectMany(m => m.GetTypes()))
            {
                fields.UnionWith(type.Fields.Where(f => f.HasCustomAttributes && f.CustomAttributes.Any(IsParameter)));
                foreach (var property in type.Properties.Where(p => p.GetMethod is not null && p.HasCustomAttributes && p.CustomAttributes.Any(IsParameter)))
                {
                    getters[property.GetMethod] = property;
                }
            }

            _index = new Index(fields, getters);
        }

        return _index;
    }

    private static bool IsParameter(CustomAttribute attribute) => attribute.AttributeType.FullName == Attribute;

    private sealed record Index(HashSet<FieldDefinition> Fields, Dictionary<MethodDefinition, PropertyDefinition> Getters);
}
