using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Parameters;

public sealed class ConversionTests
{
    private static TypedPipeline Load(string root, params (string Name, string Value)[] values)
    {
        var sources = new ParameterSources(root, values.ToDictionary(v => v.Name, v => v.Value), _ => null, []);
        return (TypedPipeline)PipelineLoader.Load(typeof(TypedPipeline), sources).Instance;
    }

    [Fact]
    public void Defaults_stay_when_no_source_gives_a_value()
    {
        var pipeline = Load(Path.GetTempPath());

        Assert.Equal(3, pipeline.Epochs);
        Assert.Equal(EvalMode.Fast, pipeline.Mode);
        Assert.Null(pipeline.MaxSteps);
        Assert.Equal("none", pipeline.Note);
    }

    [Fact]
    public void Text_values_are_converted_to_every_supported_type()
    {
        using var repo = new TempRepo();

        var pipeline = Load(
            repo.Root,
            ("epochs", "12"),
            ("seed", "9000000000"),
            ("learning-rate", "2.5e-3"),
            ("shuffle", "yes"),
            ("mode", "thorough"),
            ("budget", "90s"),
            ("dataset", "data/train.jsonl"),
            ("output-dir", "/tmp/out"),
            ("tags", "nightly, gpu,large"),
            ("layers", "64,32 16"),
            ("endpoint", "https://registry.example/v2"),
            ("max-steps", "500"),
            ("lr-decay", "0.9"),
            ("note", "hello world"));

        Assert.Equal(12, pipeline.Epochs);
        Assert.Equal(9_000_000_000L, pipeline.Seed);
        Assert.Equal(0.0025, pipeline.LearningRate);
        Assert.True(pipeline.Shuffle);
        Assert.Equal(EvalMode.Thorough, pipeline.Mode);
        Assert.Equal(TimeSpan.FromSeconds(90), pipeline.Budget);
        Assert.Equal(Path.Combine(repo.Root, "data", "train.jsonl"), pipeline.Dataset!.FullName);
        Assert.Equal("/tmp/out", pipeline.OutputDir!.FullName);
        Assert.Equal(["nightly", "gpu", "large"], pipeline.Tags);
        Assert.Equal([64, 32, 16], pipeline.Layers);
        Assert.Equal(new Uri("https://registry.example/v2"), pipeline.Endpoint);
        Assert.Equal(500, pipeline.MaxSteps);
        Assert.Equal(0.9, pipeline.Decay);
        Assert.Equal("hello world", pipeline.Note);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("6h", 21600)]
    [InlineData("2d", 172800)]
    [InlineData("1.5m", 90)]
    [InlineData("01:30:00", 5400)]
    public void Durations_are_written_as_people_write_them(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), ParameterValues.Parse(typeof(TimeSpan), text, "/"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("on", true)]
    [InlineData("", true)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    public void Booleans_accept_the_usual_spellings(string text, bool expected)
    {
        Assert.Equal(expected, ParameterValues.Parse(typeof(bool), text, "/"));
    }

    [Fact]
    public void A_bare_flag_on_the_command_line_sets_a_bool()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(TypedPipeline), "--help", "--shuffle");

        Assert.Matches(@"--shuffle <bool>\s+\n\s+= true\s+\(from command line", result.Output.Replace("\r", ""));
    }

    [Fact]
    public void Array_values_in_a_parameters_file_are_json_arrays()
    {
        using var repo = new TempRepo();
        repo.Write(".nuke/parameters.json", """{ "Tags": ["a", "b"], "Layers": [3, 4], "Shuffle": true }""");

        var sources = new ParameterSources(repo.Root, new Dictionary<string, string>(), _ => null, ParameterSources.LoadFiles(repo.Root, null));
        var pipeline = (TypedPipeline)PipelineLoader.Load(typeof(TypedPipeline), sources).Instance;

        Assert.Equal(["a", "b"], pipeline.Tags);
        Assert.Equal([3, 4], pipeline.Layers);
        Assert.True(pipeline.Shuffle);
    }

    [Fact]
    public void A_bad_command_line_value_names_the_option_and_the_expected_type()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(TypedPipeline), "Show", "--epochs", "three");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--epochs: 'three' is not an integer", result.Error);
        Assert.DoesNotContain("   at ", result.All);
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        using var repo = new TempRepo();
        repo.Environment["LLMOPS_BUDGET"] = "soon";

        var result = repo.Run(typeof(TypedPipeline), "Show");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("environment variable LLMOPS_BUDGET: 'soon' is not a duration such as 90s, 15m, 6h or 01:30:00", result.Error);
    }

    [Fact]
    public void A_bad_file_value_names_the_file_line_and_key()
    {
        using var repo = new TempRepo();
        repo.Write(".nuke/parameters.json", "{\n  \"$schema\": \"./build.schema.json\",\n  \"Mode\": \"sloppy\"\n}\n");

        var result = repo.Run(typeof(TypedPipeline), "Show");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(".nuke/parameters.json:3: Mode: 'sloppy' is not one of Fast, Thorough", result.Error);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var sources = new ParameterSources(
            Path.GetTempPath(),
            new Dictionary<string, string> { ["epochs"] = "x", ["layers"] = "1,two", ["endpoint"] = "not a uri" },
            _ => null,
            []);

        var error = Assert.Throws<DefinitionException>(() => PipelineLoader.Load(typeof(TypedPipeline), sources));

        Assert.Equal(
            ["--epochs: 'x' is not an integer", "--layers: 'two' is not an integer", "--endpoint: 'not a uri' is not an absolute URI"],
            error.Problems);
    }

    [Fact]
    public void Invalid_json_in_a_parameters_file_names_the_file_and_line()
    {
        using var repo = new TempRepo();
        repo.Write(".nuke/parameters.json", "{\n  \"Epochs\": 3\n  \"Seed\": 4\n}\n");

        var result = repo.Run(typeof(TypedPipeline), "Show");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"\.nuke/parameters\.json:3: invalid JSON", result.Error);
    }
}
