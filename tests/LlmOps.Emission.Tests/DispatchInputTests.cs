using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

[Collection(nameof(ManyInputsPipeline))]
public sealed class DispatchInputTests
{
    [Fact]
    public void More_inputs_than_github_accepts_is_an_emission_error_that_says_how_to_choose()
    {
        ManyInputsPipeline.Choose = false;
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(ManyInputsPipeline)));
        Assert.Contains("11 parameters", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 10", error.Message, StringComparison.Ordinal);
        Assert.Contains("OnManualDispatch(() =>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chosen_inputs_are_the_only_inputs_and_the_only_values_passed()
    {
        ManyInputsPipeline.Choose = true;
        try
        {
            var yaml = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(ManyInputsPipeline)), ".github/workflows/many.yml"));
            var inputs = yaml["on"]!["workflow_dispatch"]!["inputs"]!.AsObject().Select(kv => kv.Key).ToList();
            Assert.Equal(["p1", "p11"], inputs);
            var step = yaml["jobs"]!["Sum"]!["steps"]!.AsArray().Single(s => s!["name"]?.GetValue<string>() == "Run ManyInputs.Sum")!;
            Assert.Equal(["P1", "P11"], step["env"]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal));
        }
        finally
        {
            ManyInputsPipeline.Choose = false;
        }
    }
}
