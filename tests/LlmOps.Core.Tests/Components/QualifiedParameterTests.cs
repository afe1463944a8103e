using System.Text.Json;
using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Components;

/// <summary>A plain parameter name reaches the selected targets' pipelines; a qualified one reaches one pipeline.</summary>
public sealed class QualifiedParameterTests
{
    private static readonly Type[] Pipelines = [typeof(EpochsSupportPipeline), typeof(EpochsFineTunePipeline)];

    [Fact]
    public void A_plain_name_that_two_selected_pipelines_have_is_an_error_naming_the_qualified_forms()
    {
        using var repo = new TempRepo();

        var result = repo.Run(Pipelines, "Support.Train", "FineTune.Tune", "--epochs", "5");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: --epochs is ambiguous: more than one selected pipeline has it (Support, FineTune).", result.Error);
        Assert.Contains("--support.epochs, --fine-tune.epochs", result.Error);
        Assert.Contains("SUPPORT_EPOCHS/LLMOPS_SUPPORT_EPOCHS", result.Error);
        Assert.Contains("FINE_TUNE_EPOCHS/LLMOPS_FINE_TUNE_EPOCHS", result.Error);
        Assert.Contains("\"Support.Epochs\"", result.Error);
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void A_plain_name_applies_when_only_one_selected_pipeline_has_it()
    {
        using var repo = new TempRepo();

        var result = repo.Run(Pipelines, "Train", "--epochs", "5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Support.Train epochs=5"], repo.Trace());
        Assert.Equal("5 (command line)", repo.LatestRun().Parameters["Support.epochs"]);
    }

    [Fact]
    public void A_plain_name_leaves_the_pipelines_outside_the_selection_alone()
    {
        var sources = new ParameterSources(Path.GetTempPath(), new Dictionary<string, string> { ["epochs"] = "5" }, _ => null, []);

        var set = PipelineSet.Load(Pipelines, sources.ForPipelines(["Support"]));

        var support = set.Pipelines.Single(p => p.Name == "Support").Parameters.Single();
        var fineTune = set.Pipelines.Single(p => p.Name == "FineTune").Parameters.Single();
        Assert.Equal((5, "command line", "--epochs"), (support.Value, support.Source, support.SharedSource));
        Assert.Equal((1, "default", null), (fineTune.Value, fineTune.Source, fineTune.SharedSource));
    }

    [Fact]
    public void A_plain_environment_variable_or_file_key_is_ambiguous_the_same_way()
    {
        using var repo = new TempRepo();
        repo.Environment["EPOCHS"] = "5";
        var environment = repo.Run(Pipelines, "Train", "Tune");
        repo.Environment.Clear();
        repo.Write(".nuke/parameters.json", "{\n  \"Epochs\": 4\n}");
        var file = repo.Run(Pipelines, "Train", "Tune");

        Assert.Equal(2, environment.ExitCode);
        Assert.Contains("error: environment variable EPOCHS is ambiguous", environment.Error);
        Assert.Equal(2, file.ExitCode);
        Assert.Contains("error: .nuke/parameters.json:2: Epochs is ambiguous", file.Error);
        Assert.Empty(repo.Trace());
    }

    [Theory]
    [InlineData("command line")]
    [InlineData("environment")]
    [InlineData("prefixed environment")]
    [InlineData("parameters.json")]
    public void A_qualified_name_sets_one_pipelines_parameter(string source)
    {
        using var repo = new TempRepo();
        string[] args = ["Train", "Tune"];
        switch (source)
        {
            case "command line":
                args = [.. args, "--support.epochs", "5", "--FineTune.Epochs", "7"];
                break;
            case "environment":
                repo.Environment["SUPPORT_EPOCHS"] = "5";
                repo.Environment["FINE_TUNE_EPOCHS"] = "7";
                break;
            case "prefixed environment":
                repo.Environment["LLMOPS_SUPPORT_EPOCHS"] = "5";
                repo.Environment["LLMOPS_FINETUNE_EPOCHS"] = "7";
                break;
            default:
                repo.Write(".nuke/parameters.json", """{ "$schema": "./build.schema.json", "Support.Epochs": 5, "fine-tune.epochs": 7 }""");
                break;
        }

        var result = repo.Run(Pipelines, args);

        Assert.True(result.ExitCode == 0, result.ToString());
        // The two stages are independent, so they may run in either order.
        Assert.Equal(["FineTune.Tune epochs=7", "Support.Train epochs=5"], repo.Trace().Order());
    }

    [Fact]
    public void A_qualified_name_wins_over_the_plain_one_which_then_reaches_only_the_other_pipeline()
    {
        using var repo = new TempRepo();

        var result = repo.Run(Pipelines, "Train", "Tune", "--epochs", "5", "--support.epochs", "7");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["FineTune.Tune epochs=5", "Support.Train epochs=7"], repo.Trace().Order());
    }

    [Fact]
    public void A_misspelt_qualified_name_names_the_closest_one()
    {
        using var repo = new TempRepo();

        var result = repo.Run(Pipelines, "Train", "--support.epoch", "5");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Unknown parameter '--support.epoch'. Did you mean '--support.epochs'?", result.Error.Trim());
    }

    [Fact]
    public void The_schema_lists_each_parameter_qualified_with_its_pipeline_too()
    {
        using var repo = new TempRepo();

        Assert.Equal(0, repo.Run(Pipelines, "--help").ExitCode);

        using var schema = JsonDocument.Parse(repo.Read(".nuke/build.schema.json"));
        var properties = schema.RootElement.GetProperty("properties");
        Assert.Equal("integer", properties.GetProperty("Epochs").GetProperty("type").GetString());
        Assert.Equal("integer", properties.GetProperty("Support.Epochs").GetProperty("type").GetString());
        Assert.Equal("integer", properties.GetProperty("FineTune.Epochs").GetProperty("type").GetString());
    }

    [Fact]
    public void Help_shows_the_qualified_forms_of_a_name_several_pipelines_share()
    {
        using var repo = new TempRepo();

        var result = repo.Run(Pipelines, "--help");

        Assert.Contains("(from default; env EPOCHS; for Support only: --support.epochs, env SUPPORT_EPOCHS/LLMOPS_SUPPORT_EPOCHS)", result.Output);
        Assert.Contains("(from default; env EPOCHS; for FineTune only: --fine-tune.epochs, env FINE_TUNE_EPOCHS/LLMOPS_FINE_TUNE_EPOCHS)", result.Output);
    }

    [Fact]
    public void A_secret_given_by_its_qualified_name_is_kept_out_of_the_run_record()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(SecretPipeline), "Call", "--secret.api-token", "s3cr3t-value");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Call", "--root", repo.Root], repo.LatestRun().Arguments);
        Assert.DoesNotContain("s3cr3t-value", result.All);
    }
}
