using LlmOps.Core.Tests.Execution;
using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Cli;

public sealed class HelpTests
{
    [Fact]
    public void Help_lists_targets_with_descriptions_the_default_and_direct_dependencies()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(CachePipeline), "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Targets of pipeline Cache (CachePipeline):", result.Output);
        Assert.Matches(@"\n  Prepare\s+Normalise the input file\r?\n", result.Output);
        Assert.Matches(@"\n  Train\s+Fit the model  \[-> Prepare\]", result.Output);
        Assert.Matches(@"\n  Report\s+\(default\) Summarise the model  \[-> Train\]", result.Output);
        Assert.Empty(repo.Trace());
        Assert.Equal(0, repo.RunCount);
    }

    [Fact]
    public void Help_lists_parameters_with_types_descriptions_values_and_sources()
    {
        using var repo = new TempRepo();
        repo.Write(".nuke/parameters.json", """{ "Flavor": "smoky" }""");
        repo.Environment["NOISE"] = "2";

        var result = repo.Run(typeof(CachePipeline), "--help", "--epochs", "7");

        Assert.Contains("Parameters of pipeline Cache:", result.Output);
        Assert.Matches(@"--epochs <int>\s+Training passes \(read by Train\)\r?\n\s+= 7  \(from command line; env EPOCHS\)", result.Output);
        Assert.Matches(@"--flavor <string>\s+Changes what Prepare writes\r?\n\s+= smoky  \(from \.nuke/parameters\.json; env FLAVOR\)", result.Output);
        Assert.Matches(@"--noise <int>.*\r?\n\s+= 2  \(from environment \(NOISE\); env NOISE\)", result.Output);
        Assert.Matches(@"--unread <int>.*\r?\n\s+= 0  \(from default; env UNREAD\)", result.Output);
    }

    [Fact]
    public void Help_lists_enum_choices_and_types_of_typed_parameters()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(TypedPipeline), "--help");

        Assert.Contains("--mode <Fast|Thorough>", result.Output);
        Assert.Contains("--budget <duration>", result.Output);
        Assert.Contains("--dataset <file>", result.Output);
        Assert.Contains("--tags <string[]>", result.Output);
        Assert.Contains("--max-steps <int?>", result.Output);
        Assert.Contains("--lr-decay <number>", result.Output);
    }

    [Fact]
    public void No_target_and_no_default_prints_help()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(WiringPipeline));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Targets of pipeline Wiring", result.Output);
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void No_target_runs_the_default_stage()
    {
        using var cache = new CacheRepo();

        cache.Run();

        Assert.Equal(["Cache.Report"], cache.Last.Targets);
        Assert.Equal(["Prepare", "Train", "Report"], cache.RanSince(0));
    }
}
