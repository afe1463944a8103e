using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>
/// Refuses a manual-run input whose default the platform cannot hand back unchanged when the person starting the run
/// leaves it alone: a list whose items hold the separator, a whole number a double cannot hold (both platforms keep
/// numbers as doubles), and, on GitHub, a nullable boolean or enum without a value (GitHub offers <c>false</c> or the
/// first option instead of "none"). Without this the run would quietly use another value than the definition says.
/// </summary>
internal static class InputDefaultRules
{
    private const long MaxExactInteger = 1L << 53;

    public static void Check(WorkflowLayout layout)
    {
        foreach (var parameter in layout.Inputs)
        {
            if (Problem(parameter, layout.Workflow is GitHubWorkflow) is { } problem)
            {
                throw new EmissionException(
                    $"{layout.Where}: parameter '{parameter.Name}' ({parameter.MemberName}) {problem}, so a manual run with the defaults untouched would not get the declared default; "
                    + "change the default or leave the parameter out of OnManualDispatch(...).");
            }
        }
    }

    private static string? Problem(ParameterModel parameter, bool github)
    {
        var value = parameter.DefaultValue;
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        return value switch
        {
            null when github && (type == typeof(bool) || type.IsEnum) => $"is a nullable {(type.IsEnum ? "enum" : "bool")} without a default, which a GitHub {(type.IsEnum ? "choice" : "boolean")} input cannot leave unset",
            Array items when items.Cast<object?>().Any(i => ParameterValues.Format(i).Contains(',', StringComparison.Ordinal)) => "has a list default with an item that contains ',', the separator a manual run's text is split on",
            long l when l > MaxExactInteger || l < -MaxExactInteger => $"has the default {l}, beyond 2^53, which the input's number (a double) cannot hold exactly",
            ulong u when u > (ulong)MaxExactInteger => $"has the default {u}, beyond 2^53, which the input's number (a double) cannot hold exactly",
            decimal d when !HoldsExactly(d) => $"has the default {d}, which the input's number (a double) cannot hold exactly",
            _ => null,
        };
    }

    private static bool HoldsExactly(decimal value)
    {
        var asDouble = (double)value;
        return Math.Abs(asDouble) < (double)decimal.MaxValue && (decimal)asDouble == value;
    }
}
