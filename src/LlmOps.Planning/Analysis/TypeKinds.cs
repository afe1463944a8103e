using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>What the analysis needs to know about a user type beyond its metadata: generated, a pipeline, a delegate.</summary>
internal sealed class TypeKinds(UserCode code)
{
    private readonly Dictionary<TypeDefinition, bool> _pipelines = [];
    private readonly Dictionary<FieldDefinition, bool> _delegates = [];

    /// <summary>
    /// Whether the compiler made <paramref name="type"/> (closures, lambda caches, state machines). Their fields are
    /// written only by the code that uses them, so reading one does not lead anywhere new.
    /// </summary>
    public static bool IsGenerated(TypeDefinition type) =>
        CodeNames.IsUnspeakable(type.Name)
        || type.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute")
        || (type.DeclaringType is { } outer && IsGenerated(outer));

    /// <summary>
    /// Whether <paramref name="type"/> is a pipeline class or component interface. The loader creates pipelines, and
    /// their members are stages of their own, so a pipeline is never taken whole into a stage's code.
    /// </summary>
    public bool IsPipeline(TypeDefinition type)
    {
        if (!_pipelines.TryGetValue(type, out var answer))
        {
            answer = type.IsInterface
                ? type.Interfaces.Any(i => i.InterfaceType.FullName == "LlmOps.Dsl.IPipeline")
                : type.BaseType is { } parent && (parent.FullName == "LlmOps.Dsl.Pipeline" || (code.IsUser(parent) && Definitions.Of(parent) is { } resolved && IsPipeline(resolved)));
            _pipelines[type] = answer;
        }

        return answer;
    }

    /// <summary>Whether a field holds a delegate, asked of the runtime since delegate types live in the framework.</summary>
    public bool IsDelegate(FieldDefinition field)
    {
        if (!_delegates.TryGetValue(field, out var answer))
        {
            try
            {
                var type = code.RuntimeModule(field.Module).ResolveField(field.MetadataToken.ToInt32())?.FieldType;
                answer = type is not null && typeof(Delegate).IsAssignableFrom(type);
            }
            catch (Exception e) when (e is ArgumentException or TypeLoadException or FileNotFoundException or BadImageFormatException)
            {
                // A field whose type cannot be loaded cannot be invoked either; treat it as a delegate to stay safe.
                answer = true;
            }

            _delegates[field] = answer;
        }

        return answer;
    }

}
