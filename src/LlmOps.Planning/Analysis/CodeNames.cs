using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// Names of types and members as they enter a code hash. The compiler numbers what it generates by the position of
/// the enclosing method in its class (<c>&lt;Train&gt;b__12_0</c>, <c>&lt;&gt;c__DisplayClass12_0</c>), so adding a
/// method above <c>Train</c> renumbers them without changing what Train does: in names that contain <c>&lt;</c> the
/// numbers are dropped, and what such a member does is hashed from its body instead. Generic parameters are named by
/// position, so renaming <c>T</c> changes nothing.
/// </summary>
internal static partial class CodeNames
{
    /// <summary>Whether <paramref name="name"/> is one only the compiler can write.</summary>
    public static bool IsUnspeakable(string name) => name.Contains('<', StringComparison.Ordinal);

    /// <summary><paramref name="name"/> with the compiler's ordinals removed when it is a generated name.</summary>
    public static string Member(string name) => IsUnspeakable(name) ? Digits().Replace(name, "#") : name;

    /// <summary>The normalized name of a type, with generic arguments, array ranks, references and modifiers.</summary>
    public static string Type(TypeReference type)
    {
        var text = new StringBuilder();
        AppendType(text, type);
        return text.ToString();
    }

    /// <summary>The normalized signature of a method reference: declaring type, name, generic arguments, parameters, result.</summary>
    public static string Method(MethodReference method)
    {
        var text = new StringBuilder();
        AppendType(text, method.DeclaringType);
        text.Append("::").Append(Member(method.Name));
        if (method is GenericInstanceMethod generic)
        {
            AppendArguments(text, generic.GenericArguments);
        }
        else if (method.HasGenericParameters)
        {
            text.Append('`').Append(method.GenericParameters.Count);
        }

        text.Append(method.HasThis ? "(this" : "(static");
        foreach (var parameter in method.Parameters)
        {
            text.Append(',');
            AppendType(text, parameter.ParameterType);
        }

        text.Append(")->");
        AppendType(text, method.ReturnType);
        return text.ToString();
    }

    /// <summary>The normalized name of a field reference: declaring type, name and type.</summary>
    public static string Field(FieldReference field) => $"{Type(field.DeclaringType)}::{Member(field.Name)}:{Type(field.FieldType)}";

    /// <summary>A literal operand, unambiguous and independent of the culture.</summary>
    public static string Literal(object value) => value switch
    {
        string s => $"\"{s.Length}:{s}\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void AppendType(StringBuilder text, TypeReference type)
    {
        switch (type)
        {
            case GenericParameter parameter:
                text.Append(parameter.Type == GenericParameterType.Method ? "!!" : "!").Append(parameter.Position);
                break;
            case GenericInstanceType generic:
                AppendType(text, generic.ElementType);
                AppendArguments(text, generic.GenericArguments);
                break;
            case ArrayType array:
                AppendType(text, array.ElementType);
                text.Append('[').Append(array.Rank).Append(']');
                break;
            case ByReferenceType reference:
                AppendType(text, reference.ElementType);
                text.Append('&');
                break;
            case PointerType pointer:
                AppendType(text, pointer.ElementType);
                text.Append('*');
                break;
            case RequiredModifierType required:
                AppendType(text, required.ElementType);
                text.Append(" modreq(");
                AppendType(text, required.ModifierType);
                text.Append(')');
                break;
            case OptionalModifierType optional:
                AppendType(text, optional.ElementType);
                text.Append(" modopt(");
                AppendType(text, optional.ModifierType);
                text.Append(')');
                break;
            case FunctionPointerType pointer:
                text.Append("method ").Append(pointer.FullName);
                break;
            case TypeSpecification other:
                AppendType(text, other.ElementType);
                text.Append(' ').Append(other.MetadataType);
                break;
            default:
                if (type.DeclaringType is { } outer)
                {
                    AppendType(text, outer);
                    text.Append('/');
                }
                else if (type.Namespace.Length > 0)
                {
                    text.Append(type.Namespace).Append('.');
                }

                text.Append(Member(type.Name));
                break;
        }
    }

    private static void AppendArguments(StringBuilder text, IEnumerable<TypeReference> arguments)
    {
        text.Append('<');
        var first = true;
        foreach (var argument in arguments)
        {
            if (!first)
            {
                text.Append(',');
            }

            AppendType(text, argument);
            first = false;
        }

        text.Append('>');
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
