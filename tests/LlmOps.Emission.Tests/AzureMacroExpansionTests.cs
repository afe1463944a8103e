using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed partial class AzureMacroExpansionTests
{
    private static readonly string[] Pieces =
        ["$(System.AccessToken)", "$(NOTES)", "$[ variables.x ]", "${{ parameters.notes }}", "$", "(", ")", "%", "%24", "%25", "%2524", "a", " ", "é🚀", "'", "\"", "\\", "&", "\t"];

    [Fact]
    public void String_parameters_reach_azure_steps_without_a_dollar_sign_for_a_macro_to_start_with()
    {
        var step = NotesStep();
        var value = step["env"]!["NOTES"]!.GetValue<string>();
        Assert.Equal("${{ replace(replace(parameters.notes, '%', '%25'), '$', '%24') }}", value);

        // Numbers, booleans and choices cannot hold '$' and pass as they are.
        var train = Steps().Single(s => s["env"]?["EPOCHS"] is not null);
        Assert.Equal("${{ parameters.epochs }}", train["env"]!["EPOCHS"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_queue_time_value_reaches_the_stage_exactly_as_typed()
    {
        var step = NotesStep();
        var expression = step["env"]!["NOTES"]!.GetValue<string>();
        var script = step["bash"]!.GetValue<string>();
        var values = Gen.Int[0, Pieces.Length - 1].Array[1, 6].Select(i => string.Concat(i.Select(j => Pieces[j])));
        var cases = new List<string> { "$(System.AccessToken)", "100%24", "%2524" };
        values.Sample(v => cases.Add(v), iter: 60, threads: 1);
        foreach (var typed in cases)
        {
            // What Azure does: fill the template expression in at compile time, then expand macros in env: at run time.
            var compiled = Compile(expression, typed);
            Assert.DoesNotContain("$", compiled);
            Assert.Equal(typed, await RunStep(script, compiled));
        }
    }

    private static JsonNode NotesStep() => Steps().Single(s => s["env"]?["NOTES"] is not null);

    private static IEnumerable<JsonNode> Steps()
    {
        var azure = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(TrainPipeline)), "azure-pipelines-train.yml"));
        return YamlText.Descendants(azure).OfType<JsonObject>().Where(o => o["bash"] is not null);
    }

    // Evaluates the nested replace(...) calls of the emitted expression, innermost first, as Azure's replace does.
    private static string Compile(string expression, string value)
    {
        var calls = Replace().Matches(expression).Select(m => (m.Groups["from"].Value, m.Groups["to"].Value)).ToList();
        Assert.Equal(2, calls.Count);
        return calls.Aggregate(value, (text, call) => text.Replace(call.Item1, call.Item2, StringComparison.Ordinal));
    }

    // The step's script, with the stage's command replaced by one that prints what the stage would read.
    private static async Task<string> RunStep(string script, string notes)
    {
        var body = script.Replace(script.Split('\n').Single(l => l.StartsWith("./build.sh ", StringComparison.Ordinal)), "printf '%s' \"$NOTES\"");
        var start = new ProcessStartInfo("bash", ["-c", body]) { RedirectStandardOutput = true };
        start.Environment["NOTES"] = notes;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    [GeneratedRegex(@", '(?<from>[^']*)', '(?<to>[^']*)'\)")]
    private static partial Regex Replace();
}
