using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// Types that code names as objects: an operand (<c>new</c>, <c>typeof</c>, a cast, a catch) or a generic argument
/// (<c>JsonSerializer.Serialize&lt;Metrics&gt;</c>). The code may create their objects or hand them to the framework,
/// which calls their overrides and, for serializers, their properties, so a user type named so is taken whole. A
/// pipeline never is: the loader creates it, and its members are stages of their own.
/// </summary>
internal sealed class TypeUses(UserCode code, TypeKinds kinds)
{
    /// <summary>The generic arguments of <paramref name="callee"/> and of its declaring type.</summary>
    public void UseArguments(NodeScanBuilder scan, MethodReference callee)
    {
        if (callee.DeclaringType is GenericInstanceType type)
        {
            foreach (var argument in type.GenericArguments)
            {
                Use(scan, argument);
            }
        }

        if (callee is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                Use(scan, argument);
            }
        }
    }

    /// <summary>A type named as an operand, with its generic arguments and element types.</summary>
    public void Use(NodeScanBuilder scan, TypeReference type)
    {
        switch (type)
        {
            case GenericParameter:
                return;
            case GenericInstanceType generic:
                Use(scan, generic.ElementType);
                foreach (var argument in generic.GenericArguments)
                {
                    Use(scan, argument);
                }

                return;
            case TypeSpecification specification:
                Use(scan, specification.ElementType);
                return;
        }

        if (!code.IsUser(type))
        {
            scan.DependOn(code.Fingerprint(type));
        }
        else if (Definitions.Of(type) is { } definition)
        {
            UseWhole(scan, definition);
        }
        else
        {
            scan.CannotFollow($"type {DisplayNames.Of(type)} cannot be resolved");
        }
    }

    /// <summary>A user type taken whole, unless it is a pipeline.</summary>
    public void UseWhole(NodeScanBuilder scan, TypeDefinition type)
    {
        if (!kinds.IsPipeline(type))
        {
            scan.Reach(type);
        }
    }
}
