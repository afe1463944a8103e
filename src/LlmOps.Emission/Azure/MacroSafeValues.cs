namespace LlmOps.Emission.Azure;

/// <summary>
/// Passes a string parameter to an Azure step so that its value reaches the stage exactly as typed. Azure fills
/// <c>${{ parameters.p }}</c> in at compile time and then expands <c>$(...)</c> macros in <c>env:</c> values at run
/// time, so a queue-time value of <c>$(System.AccessToken)</c> would arrive as the real token. The template
/// expression therefore writes every <c>%</c> as <c>%25</c> and every <c>$</c> as <c>%24</c> (no <c>$</c> is left for
/// a macro to start with), and the step's script turns them back before the stage reads the variable.
/// </summary>
internal static class MacroSafeValues
{
    /// <summary>The <c>env:</c> value for the parameter named <paramref name="parameter"/>.</summary>
    public static string Expression(string parameter) => $"${{{{ replace(replace(parameters.{parameter}, '%', '%25'), '$', '%24') }}}}";

    /// <summary>What <see cref="Expression"/> makes of <paramref name="value"/>: Azure's <c>replace</c>, in the same order.</summary>
    public static string Encode(string value) => value.Replace("%", "%25", StringComparison.Ordinal).Replace("$", "%24", StringComparison.Ordinal);

    /// <summary>The script line that decodes the <paramref name="variables"/> that are set, in place.</summary>
    public static string DecodeLine(IEnumerable<string> variables) =>
        $"for name in {string.Join(" ", variables)}; do if [ -n \"${{!name+x}}\" ]; then v=\"${{!name//'%24'/\\$}}\"; export \"$name=${{v//'%25'/%}}\"; fi; done";
}
