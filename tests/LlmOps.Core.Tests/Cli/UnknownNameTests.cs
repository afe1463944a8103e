using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Cli;

public sealed class UnknownNameTests
{
    [Fact]
    public void An_unknown_target_names_the_closest_stage_and_exits_2()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(CachePipeline), "Trian");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Unknown target 'Trian'. Did you mean 'Train'?", result.Error.Trim());
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void An_unknown_parameter_names_the_closest_parameter_and_exits_2()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(CachePipeline), "Train", "--epoch", "5");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Unknown parameter '--epoch'. Did you mean '--epochs'?", result.Error.Trim());
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void A_misspelt_option_is_matched_against_the_built_in_options_too()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(CachePipeline), "Train", "--no-cahce");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Did you mean '--no-cache'?", result.Error);
    }

    [Fact]
    public void A_name_far_from_everything_points_to_help()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(CachePipeline), "Xylophone");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: Unknown target 'Xylophone'. Run ./build.sh --help to list targets.", result.Error.Trim());
    }

    [Fact]
    public void An_unknown_stage_after_skip_is_reported_like_a_target()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(CachePipeline), "Report", "--skip", "Prepar");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Did you mean 'Prepare'?", result.Error);
    }

    [Fact]
    public void A_stage_name_shared_by_two_pipelines_must_be_qualified()
    {
        using var repo = new TempRepo();

        var ambiguous = repo.Run([typeof(FailurePipeline), typeof(ConditionPipeline)], "Prepare");
        var qualified = repo.Run([typeof(FailurePipeline), typeof(ConditionPipeline)], "Condition.Prepare");

        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("Target 'Prepare' is ambiguous: Failure.Prepare, Condition.Prepare", ambiguous.Error);
        Assert.Equal(0, qualified.ExitCode);
        Assert.Equal(["Condition.Prepare"], repo.Trace());
    }

    [Fact]
    public void A_parameter_named_like_a_built_in_option_is_a_definition_error()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ReservedNamePipeline), "Run", "--verbose");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ReservedNamePipeline.Verbose: the parameter name '--verbose' is a built-in option", result.Error);
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void An_unknown_key_in_a_parameters_file_names_the_file_line_and_closest_parameter()
    {
        using var repo = new TempRepo();
        repo.Write(".nuke/parameters.json", "{\n  \"$schema\": \"./build.schema.json\",\n  \"Target\": [\"Cache.Train\"],\n  \"Epoch\": 5\n}\n");

        var result = repo.Run(typeof(CachePipeline), "Train");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: .nuke/parameters.json:4: unknown parameter 'Epoch'. Did you mean 'Epochs'?", result.Error.Trim());
        Assert.Empty(repo.Trace());
    }
}
