using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// Resolves references into the analysed code to their definitions. Only analysed assemblies can be resolved (see
/// <see cref="UserCode"/>), so a failure means "not found", reported by the caller in words, never a crash.
/// </summary>
internal static class Definitions
{
    /// <summary>The definition of <paramref name="method"/>, or null.</summary>
    public static MethodDefinition? Of(MethodReference method) => Resolve(method.Resolve);

    /// <summary>The definition of <paramref name="field"/>, or null.</summary>
    public static FieldDefinition? Of(FieldReference field) => Resolve(field.Resolve);

    /// <summary>The definition of <paramref name="type"/>, or null.</summary>
    public static TypeDefinition? Of(TypeReference type) => Resolve(type.Resolve);

    private static T? Resolve<T>(Func<T> resolve)
        where T : class
    {
        try
        {
            return resolve();
        }
        catch (AssemblyResolutionException)
        {
            return null;
        }
    }
}
