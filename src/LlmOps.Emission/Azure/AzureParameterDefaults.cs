using LlmOps.Emission.Yaml;
using LlmOps.Planning;

namespace LlmOps.Emission.Azure;

/// <summary>
/// The type, default and allowed values of an Azure runtime parameter, valid by Azure's compile rules: every
/// parameter needs a default, because runs started by a trigger take the defaults and Azure then refuses a parameter
/// without one ("A value for the parameter must be provided"); an empty string counts as no value; a boolean's default
/// is true or false, a number's a number; and with <c>values:</c>, the default must be one of them. A parameter with
/// no default, or an empty one, therefore gets <see cref="JobScript.DefaultMarker"/>, which the stage step unsets so the
/// parameter keeps its own default (null, or the empty string), and a boolean or choice without one also offers it.
/// </summary>
internal static class AzureParameterDefaults
{
    /// <summary>The parameter's Azure <c>type</c>, <c>default</c> and <c>values</c> (null when any value is allowed).</summary>
    public static (string Type, YamlScalar Default, IReadOnlyList<string>? Values) Of(ParameterModel parameter, string rootDirectory)
    {
        var kind = InputValues.KindOf(parameter);
        var value = InputValues.Default(parameter, rootDirectory);
        if (value is null || value.Value.Length == 0)
        {
            var marker = new YamlScalar(JobScript.DefaultMarker);
            return kind switch
            {
                InputValues.Kind.Boolean => ("string", marker, [JobScript.DefaultMarker, "true", "false"]),
                InputValues.Kind.Choice => ("string", marker, [JobScript.DefaultMarker, .. InputValues.Options(parameter)]),
                _ => ("string", marker, null),
            };
        }

        return kind switch
        {
            InputValues.Kind.Boolean => ("boolean", value, null),
            InputValues.Kind.Number => ("number", value, null),
            InputValues.Kind.Choice => ("string", value, InputValues.Options(parameter)),
            _ => ("string", value, null),
        };
    }

    /// <summary>
    /// Whether Azure lets the parameter hold any text (a string parameter without <c>values:</c>): strings, and numbers
    /// without a default, which become strings to hold the marker. Such a value can hold a <c>$(...)</c> macro.
    /// </summary>
    public static bool TakesAnyText(ParameterModel parameter, string rootDirectory) =>
        Of(parameter, rootDirectory) is { Type: "string", Values: null };
}
