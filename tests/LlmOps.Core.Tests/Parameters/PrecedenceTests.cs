using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Parameters;

public sealed class PrecedenceTests
{
    // Each layer gives Epochs a different value; the highest layer present must win.
    [Theory]
    [InlineData("default", 3, "default")]
    [InlineData("file", 10, ".nuke/parameters.json")]
    [InlineData("profile", 20, ".nuke/parameters.ci.json")]
    [InlineData("env", 30, "environment (EPOCHS)")]
    [InlineData("prefixed-env", 40, "environment (LLMOPS_EPOCHS)")]
    [InlineData("cli", 50, "command line")]
    public void The_highest_source_present_wins(string highest, int expected, string expectedSource)
    {
        using var repo = new TempRepo();
        var layers = new[] { "default", "file", "profile", "env", "prefixed-env", "cli" };
        var present = layers.Take(Array.IndexOf(layers, highest) + 1).ToHashSet();
        if (present.Contains("file"))
        {
            repo.Write(".nuke/parameters.json", """{ "$schema": "./build.schema.json", "Epochs": 10 }""");
        }

        if (present.Contains("profile"))
        {
            repo.Write(".nuke/parameters.ci.json", """{ "epochs": "20" }""");
        }

        var environment = new Dictionary<string, string>();
        if (present.Contains("env"))
        {
            environment["EPOCHS"] = "30";
        }

        if (present.Contains("prefixed-env"))
        {
            environment["LLMOPS_EPOCHS"] = "40";
        }

        var commandLine = present.Contains("cli") ? new Dictionary<string, string> { ["epochs"] = "50" } : [];
        var profile = present.Contains("profile") ? "ci" : null;
        var sources = new ParameterSources(repo.Root, commandLine, environment.GetValueOrDefault, ParameterSources.LoadFiles(repo.Root, profile));

        var model = PipelineLoader.Load(typeof(TypedPipeline), sources);

        var epochs = model.Parameters.Single(p => p.Name == "epochs");
        Assert.Equal(expected, epochs.Value);
        Assert.Equal(expectedSource, epochs.Source);
        Assert.Equal(expected, ((TypedPipeline)model.Instance).Epochs);
    }

    [Fact]
    public void The_command_line_spelling_of_a_name_does_not_matter()
    {
        foreach (var spelling in new[] { "learning-rate", "LearningRate", "learning_rate", "LEARNING-RATE" })
        {
            var sources = new ParameterSources(Path.GetTempPath(), new Dictionary<string, string> { [spelling] = "0.5" }, _ => null, []);
            var pipeline = (TypedPipeline)PipelineLoader.Load(typeof(TypedPipeline), sources).Instance;
            Assert.Equal(0.5, pipeline.LearningRate);
        }
    }

    [Fact]
    public void Help_shows_each_value_with_the_source_it_came_from()
    {
        using var repo = new TempRepo();
        repo.Write(".nuke/parameters.json", """{ "Seed": 11 }""");
        repo.Environment["LEARNING_RATE"] = "0.2";

        var result = repo.Run(typeof(TypedPipeline), "--help", "--epochs", "9");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"= 9\s+\(from command line; env EPOCHS\)", result.Output);
        Assert.Matches(@"= 0\.2\s+\(from environment \(LEARNING_RATE\); env LEARNING_RATE\)", result.Output);
        Assert.Matches(@"= 11\s+\(from \.nuke/parameters\.json; env SEED\)", result.Output);
        Assert.Matches(@"= 00:01:00\s+\(from default; env BUDGET\)", result.Output);
    }

    [Fact]
    public void A_missing_profile_file_is_an_error_naming_it()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(TypedPipeline), "Show", "--profile", "gpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--profile gpu: .nuke/parameters.gpu.json does not exist", result.Error);
    }
}
