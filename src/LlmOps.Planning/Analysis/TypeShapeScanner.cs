using System.Text;
using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// Reads a user type taken whole (its objects are created by the stage or handed to the framework) into a
/// <see cref="NodeScan"/>: its shape (base, interfaces, fields, properties and their attributes, which serializers
/// read) and every method it has, since the framework may call any of them.
/// </summary>
internal sealed class TypeShapeScanner(UserCode code, TypeKinds kinds)
{
    /// <summary>Scans <paramref name="type"/>.</summary>
    public NodeScan Scan(TypeDefinition type)
    {
        var scan = new NodeScanBuilder();
        var text = scan.Text;
        text.Append("type ").Append(CodeNames.Type(type)).Append(' ').Append((int)type.Attributes);
        AppendAttributes(text, type);
        foreach (var parent in type.Interfaces.Select(i => i.InterfaceType).Prepend(type.BaseType).OfType<TypeReference>())
        {
            text.Append("\nbase ").Append(CodeNames.Type(parent));
            if (!code.IsUser(parent))
            {
                scan.DependOn(code.Fingerprint(parent));
            }
            else if (Definitions.Of(parent) is { } definition && !kinds.IsPipeline(definition))
            {
                scan.Reach(definition);
            }
        }

        foreach (var field in type.Fields)
        {
            text.Append("\nfield ").Append(CodeNames.Member(field.Name)).Append(':').Append(CodeNames.Type(field.FieldType)).Append(' ').Append((int)field.Attributes);
            if (field.HasConstant)
            {
                text.Append(" = ").Append(field.Constant is null ? "null" : CodeNames.Literal(field.Constant));
            }

            AppendAttributes(text, field);
        }

        foreach (var property in type.Properties)
        {
            text.Append("\nproperty ").Append(CodeNames.Member(property.Name)).Append(':').Append(CodeNames.Type(property.PropertyType));
            AppendAttributes(text, property);
        }

        foreach (var method in type.Methods)
        {
            scan.Reach(method);
        }

        return scan.Build();
    }

    /// <summary>
    /// Appends the attributes that can change behaviour (serializer names, validation), as constructor and raw
    /// argument blob. The compiler's bookkeeping (state machine types, nullability) and debugger hints are left out.
    /// </summary>
    public static void AppendAttributes(StringBuilder text, ICustomAttributeProvider provider)
    {
        if (!provider.HasCustomAttributes)
        {
            return;
        }

        foreach (var attribute in provider.CustomAttributes)
        {
            var type = attribute.AttributeType;
            if (type.Namespace is "System.Runtime.CompilerServices" or "System.Diagnostics" or "System.Diagnostics.CodeAnalysis")
            {
                continue;
            }

            text.Append(" [").Append(CodeNames.Method(attribute.Constructor)).Append(' ').Append(Convert.ToHexString(attribute.GetBlob())).Append(']');
        }
    }
}
