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
