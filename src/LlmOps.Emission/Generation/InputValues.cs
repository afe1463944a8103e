using System.Text.RegularExpressions;
using LlmOps.Emission.Yaml;
using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>How a parameter is offered as a workflow input: its kind and default, formatted as the command line reads it.</summary>
internal static partial class InputValues
{
    public enum Kind
    {
        String,
        Boolean,
        Number,
        Choice,
    }

    public static Kind KindOf(ParameterModel parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        return type switch
        {
            _ when type == typeof(bool) => Kind.Boolean,
            _ when type.IsEnum => Kind.Choice,
            _ when type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float) || type == typeof(decimal) => Kind.Number,
            _ => Kind.String,
        };
    }

    public static IReadOnlyList<string> Options(ParameterModel parameter) =>
        Enum.GetNames(Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type);

    /// <summary>The default as a scalar of the input's kind, or null when the parameter has none.</summary>
    public static YamlScalar? Default(ParameterModel parameter, string rootDirectory)
    {
        var value = parameter.DefaultValue;
        if (value is null)
        {
            return null;
        }

        // Absolute paths would differ between machines; the command line resolves relative ones against the root.
        var text = value is FileSystemInfo info
            ? Path.GetRelativePath(rootDirectory, info.FullName).Replace('\\', '/')
            : ParameterValues.Format(value);
        return KindOf(parameter) switch
        {
            Kind.Boolean => new YamlScalar(text, IsString: false),
            Kind.Number when Number().IsMatch(text) => new YamlScalar(text, IsString: false),
            Kind.Number => null,
            _ => new YamlScalar(text),
        };
    }

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\z")]
    private static partial Regex Number();
}
