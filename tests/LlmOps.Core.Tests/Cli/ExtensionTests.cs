using LlmOps.Core.Tests.Execution;
using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Cli;

/// <summary>What libraries plug into the command line: observers (trackers) and built-in commands.</summary>
public sealed class ExtensionTests
{
    private sealed class CountStagesCommand : ICliCommand
    {
        public string Name => "CountStages";

        public string Description => "Print how many stages are defined";

        public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
        {
            context.Output.WriteLine($"stages: {context.Pipelines.Sum(p => p.Stages.Count)}");
            return Task.FromResult(0);
        }
    }

    private static async Task<(int Code, string Output)> Run(TempRepo repo, Func<LlmOpsApp, LlmOpsApp> configure, params string[] args)
    {
        var output = new ConcurrentWriter();
        var app = configure(new LlmOpsApp(typeof(CachePipeline)) { Output = output, Error = output, Environment = _ => null });
        var code = await app.RunAsync([.. args, "--root", repo.Root, "--parallel", "1"], TestContext.Current.CancellationToken);
        return (code, output.Text);
    }

    [Fact]
    public async Task An_observer_hears_every_stage_metric_and_the_end_of_the_run()
    {
        using var cache = new CacheRepo();
        var observer = new RecordingObserver();

        var (code, output) = await Run(cache.Repo, app => app.WithObserver((_, _) => observer), "Train");

        Assert.True(code == 0, output);
        Assert.Equal(
            [
                "run-started 2",
                "stage-started Cache.Prepare",
                "stage-finished Cache.Prepare succeeded [prepared:True]",
                "stage-started Cache.Train",
                "metric Cache.Train loss=0.3333333333333333",
                "stage-finished Cache.Train succeeded [model:True]",
                "run-finished succeeded",
            ],
            observer.Events);
    }

    [Fact]
    public async Task A_failing_observer_does_not_fail_the_run()
    {
        using var cache = new CacheRepo();

        var (code, output) = await Run(cache.Repo, app => app.WithObserver((_, _) => new RecordingObserver(fail: true)), "Train");

        Assert.True(code == 0, output);
        Assert.Contains("warning: RecordingObserver failed: the tracking server is down", output);
        Assert.All(cache.Last.Stages, s => Assert.Equal(StageStatus.Succeeded, s.Status));
    }

    [Fact]
    public async Task A_built_in_command_runs_by_name_and_is_listed_in_help()
    {
        using var repo = new TempRepo();

        var (code, output) = await Run(repo, app => app.WithCommand(new CountStagesCommand()), "countstages");
        var (_, help) = await Run(repo, app => app.WithCommand(new CountStagesCommand()), "--help");

        Assert.Equal(0, code);
        Assert.Contains("stages: 4", output);
        var commands = help[help.IndexOf("Commands:", StringComparison.Ordinal)..];
        Assert.Matches(@"(?m)^  CountStages +Print how many stages are defined", commands);
        Assert.Equal(0, repo.RunCount);
    }
}
