using System.Text.Json;
using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

public sealed class RunRecordTests
{
    [Fact]
    public void Each_run_writes_run_json_with_status_times_keys_outputs_metrics_and_parameters()
    {
        using var cache = new CacheRepo();
        cache.Run("Train", "--epochs", "4");

        var runs = cache.Repo.Runs.RunIds().ToList();
        var runDirectory = cache.Repo.Runs.RunDirectory(Assert.Single(runs));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "run.json")));
        var root = json.RootElement;

        Assert.Equal(runs[0], root.GetProperty("RunId").GetString());
        Assert.Equal("succeeded", root.GetProperty("Status").GetString());
        Assert.Equal(["Cache.Train"], root.GetProperty("Targets").EnumerateArray().Select(t => t.GetString()));
        Assert.True(root.GetProperty("FinishedAt").GetDateTimeOffset() >= root.GetProperty("StartedAt").GetDateTimeOffset());
        var parameters = root.GetProperty("Parameters");
        Assert.Equal("4 (command line)", parameters.GetProperty("Cache.epochs").GetString());
        Assert.Equal("plain (default)", parameters.GetProperty("Cache.flavor").GetString());

        var stages = root.GetProperty("Stages").EnumerateArray().ToList();
        Assert.Equal(["Cache.Prepare", "Cache.Train"], stages.Select(s => s.GetProperty("Id").GetString()));
        foreach (var stage in stages)
        {
            Assert.Equal("succeeded", stage.GetProperty("Status").GetString());
            Assert.Matches("^[0-9a-f]{64}$", stage.GetProperty("CacheKey").GetString());
            Assert.True(stage.GetProperty("FinishedAt").GetDateTimeOffset() >= stage.GetProperty("StartedAt").GetDateTimeOffset());
            Assert.True(stage.GetProperty("Seconds").GetDouble() >= 0);
            var log = Path.Combine(runDirectory, stage.GetProperty("Log").GetString()!);
            Assert.Contains("re-run reason: never run before; cache key " + stage.GetProperty("CacheKey").GetString(), File.ReadAllText(log));
        }

        var train = stages[1];
        Assert.Matches("^[0-9a-f]{64}$", train.GetProperty("Outputs").GetProperty("model").GetString());
        Assert.Equal(0.25, train.GetProperty("Metrics").GetProperty("loss").GetDouble());
        Assert.Equal(Path.Combine("logs", "Cache.Train.log"), train.GetProperty("Log").GetString());
        Assert.Contains("stored artifact model: 1 file(s)", File.ReadAllText(Path.Combine(runDirectory, "logs", "Cache.Train.log")));
    }

    [Fact]
    public void A_cached_stage_is_recorded_with_its_key_outputs_and_the_run_it_came_from()
    {
        using var cache = new CacheRepo();
        cache.Run("Train");
        var first = cache.Last;

        cache.Run("Train");

        var second = cache.Last;
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(2, cache.Repo.RunCount);
        var train = cache.Repo.Stage(second, "Cache.Train");
        Assert.Equal(StageStatus.Cached, train.Status);
        Assert.Equal(cache.Repo.Stage(first, "Cache.Train").CacheKey, train.CacheKey);
        Assert.Equal(cache.Repo.Stage(first, "Cache.Train").Outputs, train.Outputs);
        Assert.Contains($"from run {first.RunId}", train.Reason);
    }

    [Fact]
    public void The_newest_run_is_found_by_start_time_when_two_runs_share_a_second()
    {
        using var repo = new TempRepo();
        var runs = repo.Runs;
        var start = DateTimeOffset.UtcNow;
        // The random suffix of the older run sorts after the newer one's.
        runs.Save(new RunRecord { RunId = "20260101-120000-ffff", Arguments = [], Targets = [], Parameters = new Dictionary<string, string>(), Stages = [], StartedAt = start, Status = RunStatus.Succeeded });
        runs.Save(new RunRecord { RunId = "20260101-120000-0000", Arguments = [], Targets = [], Parameters = new Dictionary<string, string>(), Stages = [], StartedAt = start.AddMilliseconds(300), Status = RunStatus.Failed });
        runs.Save(new RunRecord { RunId = "20260101-115959-ffff", Arguments = [], Targets = [], Parameters = new Dictionary<string, string>(), Stages = [], StartedAt = start.AddHours(1), Status = RunStatus.Failed });

        Assert.Equal("20260101-120000-0000", runs.Latest()!.RunId);
    }

    [Fact]
    public void A_run_marked_running_whose_process_is_gone_reads_as_interrupted()
    {
        using var repo = new TempRepo();
        using var gone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        repo.Runs.Save(new RunRecord
        {
            RunId = "20260101-120000-abcd",
            ProcessId = gone.Id,
            Arguments = [],
            Targets = [],
            Parameters = new Dictionary<string, string>(),
            Stages = [new StageRecord { Id = "X.A", Status = StageStatus.Running }],
        });

        var run = repo.Runs.Load("20260101-120000-abcd")!;

        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.Equal(StageStatus.Cancelled, run.Stages[0].Status);
        Assert.Equal("the process running it was killed", run.Stages[0].Reason);
    }

    [Fact]
    public void A_failed_run_is_recorded_as_failed_with_the_failing_stage_log()
    {
        using var repo = new TempRepo();

        repo.Run(typeof(FailurePipeline), "Broken");

        var run = repo.LatestRun();
        Assert.Equal(RunStatus.Failed, run.Status);
        var log = File.ReadAllText(Path.Combine(repo.Runs.RunDirectory(run.RunId), "logs", "Failure.Broken.log"));
        Assert.Contains("failed: the accuracy gate was not met (0.61 < 0.85)", log);
    }
}
