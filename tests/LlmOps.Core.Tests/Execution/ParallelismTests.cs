using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

public sealed class ParallelismTests
{
    [Fact]
    public void Independent_stages_run_at_the_same_time_when_parallelism_allows()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ParallelPipeline), "Both", "--parallel", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("yes", repo.Read("Left.overlapped"));
        Assert.Equal("yes", repo.Read("Right.overlapped"));
        Assert.Equal(["Parallel.Both"], repo.Trace());
    }

    [Fact]
    public void Parallel_1_runs_one_stage_at_a_time()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(ParallelPipeline), "Both", "--parallel", "1", "--patience", "1s");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("no", repo.Read("Left.overlapped"));
        Assert.Equal("no", repo.Read("Right.overlapped"));
    }
}

public sealed class JobSummaryTests
{
    [Fact]
    public void Stages_running_in_parallel_append_whole_lines_to_the_one_job_summary()
    {
        using var repo = new TempRepo();
        var summary = Path.Combine(repo.Root, "step-summary.md");
        repo.Environment["GITHUB_STEP_SUMMARY"] = summary;

        var result = repo.Run(typeof(SummaryPipeline), "All", "--parallel", "4");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllLines(summary).Where(l => l.Length > 0).ToArray();
        Assert.Equal(4 * SummaryPipeline.LinesPerStage, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^\| [ABCD] \| line \d{4} \| x{200} \|$", l));
        foreach (var stage in new[] { "A", "B", "C", "D" })
        {
            Assert.Equal(Enumerable.Range(0, SummaryPipeline.LinesPerStage).Select(i => $"line {i:D4}"), lines.Where(l => l.StartsWith($"| {stage} ", StringComparison.Ordinal)).Select(l => l[6..15]));
        }
    }
}
