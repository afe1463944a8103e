using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

/// <summary>
/// Azure's compile rules for runtime parameters, as documented by Microsoft (learn.microsoft.com, "Runtime
/// parameters" and the YAML schema's pipeline.parameters.parameter): a parameter has a name, a type and a default
/// (triggered runs take the defaults; without one a value "MUST be given by the user at runtime"); a boolean's default
/// is true or false, a number's a number; with values, the default is one of them. An empty string default counts as
/// no value (Azure asks for one and refuses the run; see the report's note on the source).
/// </summary>
public sealed class AzureParameterTests
{
    private static readonly IReadOnlyList<GeneratedFile> Files = Loaded.Generate(typeof(NullableParametersPipeline));

    private static JsonNode Azure => YamlText.Parse(Loaded.File(Files, "azure-pipelines-nullable.yml"));

    public static TheoryData<string> AzureFiles() =>
        [.. new[] { typeof(NullableParametersPipeline), typeof(TrainPipeline) }.SelectMany(t => Loaded.Generate(t)).Where(f => f.Path.StartsWith("azure-", StringComparison.Ordinal)).Select(f => f.Content)];

    [Theory]
    [MemberData(nameof(AzureFiles))]
    public void Every_parameter_has_a_default_that_azure_accepts(string text)
    {
        foreach (var parameter in YamlText.Parse(text)["parameters"]!.AsArray().Select(p => p!))
        {
            var name = parameter["name"]!.GetValue<string>();
            var type = parameter["type"]!.GetValue<string>();
            var value = parameter["default"]?.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(value), $"{name}: no default, or an empty one");
            switch (type)
            {
                case "boolean":
                    Assert.Contains(value, new[] { "true", "false" });
                    break;
                case "number":
                    Assert.True(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"{name}: '{value}' is not a number");
                    break;
                default:
                    Assert.Equal("string", type);
                    break;
            }

            if (parameter["values"] is JsonArray values)
            {
                Assert.Contains(value, values.Select(v => v!.GetValue<string>()));
            }
        }
    }

    [Fact]
    public void Parameters_without_a_default_offer_the_default_marker_with_their_values()
    {
        var parameters = Azure["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);
        Assert.Equal(("string", "(default)"), Kind(parameters["use_lora"]));
        Assert.Equal(["(default)", "true", "false"], AzureYaml.Names(parameters["use_lora"]["values"]));
        Assert.Equal(["(default)", "Fp16", "Bf16"], AzureYaml.Names(parameters["precision"]["values"]));
        Assert.Equal(("string", "(default)"), Kind(parameters["seed"]));
        Assert.Equal(("string", "(default)"), Kind(parameters["tag"]));
        Assert.Equal(("string", "(default)"), Kind(parameters["notes"]));
        Assert.Equal(("boolean", "false"), Kind(parameters["dry_run"]));

        static (string, string) Kind(JsonNode p) => (p["type"]!.GetValue<string>(), p["default"]!.GetValue<string>());
    }

    [Fact]
    public void A_number_without_a_default_takes_any_text_so_it_is_passed_without_a_dollar_sign_for_a_macro()
    {
        // Azure offers it as a free string (to hold the marker), so a queue-time '$(System.AccessToken)' is possible.
        var env = AzureYaml.Jobs(Azure).Single()["steps"]!.AsArray().Single(s => s!["env"]?["SEED"] is not null)!["env"]!;
        Assert.Equal("${{ replace(replace(parameters.seed, '%', '%25'), '$', '%24') }}", env["SEED"]!.GetValue<string>());
        Assert.Equal("${{ parameters.dry_run }}", env["DRY_RUN"]!.GetValue<string>());
        Assert.Equal("${{ parameters.use_lora }}", env["USE_LORA"]!.GetValue<string>());
    }

    [Fact]
    public void The_stage_step_unsets_a_parameter_left_at_the_marker_so_it_keeps_its_own_default()
    {
        var job = AzureYaml.Jobs(Azure).Single();
        var step = job["steps"]!.AsArray().Single(s => s!["bash"]?.GetValue<string>().Contains("./build.sh", StringComparison.Ordinal) == true)!;
        var loop = step["bash"]!.GetValue<string>().Split('\n')[0];
        Assert.Contains("SEED", loop);

        // Run the emitted line in bash with the values Azure passes for a run that left the defaults alone.
        var start = new ProcessStartInfo("bash", ["-c", loop + "\necho \"seed=${SEED-unset} tag=${TAG-unset} dry=${DRY_RUN-unset}\""]) { RedirectStandardOutput = true };
        start.Environment["SEED"] = "(default)";
        start.Environment["TAG"] = "(default)";
        start.Environment["DRY_RUN"] = "false";
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEnd().Trim();
        bash.WaitForExit();
        Assert.Equal("seed=unset tag=unset dry=false", output);
    }
}
