using LlmOps.Planning;

namespace LlmOps.Emission;

/// <summary>
/// The shell script of a stage step. It holds only names the emitter validated (stage ids, environment variable
/// names), never user values: those arrive as environment variables, so no input can inject commands.
/// </summary>
public static class JobScript
{
    /// <summary>Where a step exports the artifacts its stages produce, relative to the repository root.</summary>
    public static readonly string ExportDirectory = StateLayout.Relative.Export;

    /// <summary>Where a step finds the artifacts other jobs produced, relative to the repository root; the executor verifies them.</summary>
    public static readonly string ImportDirectory = StateLayout.Relative.Import;

    /// <summary>An Azure parameter's value meaning "keep the parameter's own default" (see AzureParameterDefaults).</summary>
    public const string DefaultMarker = "(default)";

    /// <summary>The script that runs <paramref name="stage"/> as a CI step does, with <paramref name="variables"/> unset when empty.</summary>
    /// <param name="stage">The stage the step runs.</param>
    /// <param name="variables">The environment variables the step sets (validated names).</param>
    /// <param name="decode">Lines that turn encoded values back before the stage starts (<see cref="Azure.MacroSafeValues"/>).</param>
    /// <param name="options">The run's options after <c>--skip</c>; by default the export to <see cref="ExportDirectory"/>.</param>
    public static string Run(PlannedStage stage, IEnumerable<string> variables, IReadOnlyList<string>? decode = null, string? options = null) =>
        Run([stage], variables, decode, options);

    /// <summary>
    /// The script that runs <paramref name="stages"/> in one run, as targets of one <c>./build.sh</c>: a stage then
    /// receives what an earlier one produced in the same run, never a stored "latest" another run may have moved.
    /// </summary>
    /// <param name="stages">The stages, in plan order.</param>
    /// <param name="variables">The environment variables the step sets (validated names).</param>
    /// <param name="decode">Lines that turn encoded values back before the stages start.</param>
    /// <param name="options">The run's options after <c>--skip</c>; by default the export to <see cref="ExportDirectory"/>.</param>
    public static string Run(IReadOnlyList<PlannedStage> stages, IEnumerable<string> variables, IReadOnlyList<string>? decode = null, string? options = null)
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
        lines.Add($"./build.sh {string.Join(" ", stages.Select(s => s.Id))} --skip {options ?? $"--export {ExportDirectory}"}");
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>The environment variable that carries <paramref name="parameter"/> to the build program.</summary>
    public static string EnvironmentName(ParameterModel parameter) => ParameterNames.ToEnvironment(parameter.Name);
}
