using System.Reflection;
using LlmOps.Dsl;

namespace LlmOps.Planning;

/// <summary>
/// The command-line names of a pipeline class's <see cref="SecretAttribute"/> parameters, read from the class alone:
/// the command line needs them before any pipeline is loaded, to read a secret's value even when it starts with
/// <c>--</c> and to mask it in usage errors about values that fail to load.
/// </summary>
public static class SecretParameterNames
{
    /// <summary>The kebab-case names (<c>api-token</c>) of the secret parameters <paramref name="pipelineType"/> declares.</summary>
    public static IReadOnlyList<string> Of(Type pipelineType) =>
        ParameterMembers.Of(pipelineType, [])
            .Where(m => m.Member.IsDefined(typeof(SecretAttribute)))
            .Select(m => m.Attribute.Name ?? ParameterNames.ToKebab(m.Member.Name))
            .ToList();
}
