using LlmOps.Pipelines.Support;

namespace LlmOps.Core.Tests.Sample;

/// <summary>The shipped sample pipeline, end to end, in a temporary copy of the repository layout.</summary>
public sealed class SupportPipelineTests
{
    [Fact]
    public void The_support_pipeline_runs_every_stage_and_a_second_run_is_fully_cached()
    {
        using var repo = new TempRepo();
        var data = Path.Combine(AppContext.BaseDirectory, "SampleData", "intents.jsonl");
        Directory.CreateDirectory(repo.Path("pipelines/support/data"));
        File.Copy(data, repo.Path("pipelines/support/data/intents.jsonl"));

        var first = repo.Run(typeof(SupportPipeline));

        Assert.True(first.ExitCode == 0, first.ToString());
        var run = repo.LatestRun();
        Assert.Equal(["Support.Govern"], run.Targets);
        Assert.Equal(
            ["Support.Validate", "Support.Train", "Support.Evaluate", "Support.Pack", "Support.Deploy", "Support.Govern"],
            run.Stages.Select(s => s.Id));
        Assert.All(run.Stages, s => Assert.True(s.Status == StageStatus.Succeeded, $"{s.Id}: {s.Status} ({s.Reason})"));
        Assert.True(repo.Exists(".llmops/deployments/support-intent/current"));

        var second = repo.Run(typeof(SupportPipeline));

        Assert.True(second.ExitCode == 0, second.ToString());
        var cached = repo.LatestRun();
        Assert.NotEqual(run.RunId, cached.RunId);
        Assert.All(cached.Stages, s => Assert.True(s.Status == StageStatus.Cached, $"{s.Id}: {s.Status} ({s.Reason})"));
    }
}
