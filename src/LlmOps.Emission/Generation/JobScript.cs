using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>
/// The shell script of a stage step. It holds only names the emitter validated (stage ids, environment variable
/// names), never user values: those arrive as environment variables, so no input can inject commands.
/// </summary>
internal static class JobScript
{
    public static readonly string ExportDirectory = StateLayout.Relative.Export;
    public static readonly string ImportDirectory = StateLayout.Relative.Import;

    /// <summary>An Azure parameter's value meaning "keep the parameter's own default" (see AzureParameterDefaults).</summary>
    public const string DefaultMarker = "(default)";

    /// <param name="stage">The stage the step runs.</param>
    /// <param name="variables">The environment variables the step sets (validated names).</param>
    /// <param name="decode">Lines that turn encoded values back before the stage starts (<see cref="Azure.MacroSafeValues"/>).</param>
    public static string Run(PlannedStage stage, IEnumerable<string> variables, IReadOnlyList<string>? decode = null)
    {
        var names = variables.ToList();
        var lines = new List<string>();
        if (names.Count > 0)
        {
            // An unset input or secret arrives as an empty string (on Azure as the unexpanded '$(NAME)', or as the
            // default marker); unset it so the parameter keeps its default instead of failing to parse.
            lines.Add($"for name in {string.Join(" ", names)}; do case \"${{!name}}\" in \"\" | '$('\"$name\"')' | '{DefaultMarker}') unset \"$name\" ;; esac; done");
        }

        lines.AddRange(decode ?? []);
        lines.Add($"./build.sh {stage.Id} --skip --export {ExportDirectory}");
        return string.Join("\n", lines) + "\n";
    }

    public static string EnvironmentName(ParameterModel parameter) => ParameterNames.ToEnvironment(parameter.Name);
}
