using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

public sealed class CachingTests
{
    [Fact]
    public void A_second_run_with_nothing_changed_is_served_from_the_cache()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        Assert.Equal(["Prepare", "Train", "Report"], cache.RanSince(0));

        var second = cache.Run("Report");

        Assert.Empty(cache.RanSince(3));
        Assert.All(cache.Last.Stages, s => Assert.Equal(StageStatus.Cached, s.Status));
        Assert.Matches(@"Cache\.Train: cached \(key [0-9a-f]{12}, from run \d{8}-\d{6}-[0-9a-f]{4}\)", second.Output);
    }

    [Fact]
    public void A_changed_parameter_the_body_reads_reruns_that_stage_and_says_so()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");

        var result = cache.Run("Report", "--epochs", "5");

        Assert.Equal(["Train", "Report"], cache.RanSince(3));
        Assert.Equal(StageStatus.Cached, cache.Status("Prepare"));
        Assert.Equal("ran: parameter epochs 3 -> 5", cache.Stage("Train").Reason);
        Assert.Equal("ran: input artifact model changed", cache.Stage("Report").Reason);
        Assert.Contains("Cache.Train: run (parameter epochs 3 -> 5)", result.Output);
    }

    [Fact]
    public void Switching_a_parameter_back_hits_the_earlier_entry()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        cache.Run("Report", "--epochs", "5");

        cache.Run("Report", "--epochs", "3");

        Assert.Empty(cache.RanSince(5));
    }

    [Fact]
    public void A_parameter_no_stage_reads_does_not_invalidate_anything()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");

        cache.Run("Report", "--unread", "42");

        Assert.Empty(cache.RanSince(3));
    }

    [Fact]
    public void A_parameter_read_through_reflection_counts_when_declared_with_UsesParameters()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");

        cache.Run("Report", "--reflected", "1");

        Assert.Equal(["Report"], cache.RanSince(3));
        Assert.Equal("ran: parameter reflected 0 -> 1", cache.Stage("Report").Reason);
    }

    [Fact]
    public void A_changed_input_file_reruns_the_stage_that_declares_it()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        cache.Repo.Write(CachePipeline.InputFile, "{\"text\":\"hello, world\"}\n");

        cache.Run("Report");

        Assert.Equal(["Prepare", "Train", "Report"], cache.RanSince(3));
        Assert.Equal("ran: input data/x.jsonl changed", cache.Stage("Prepare").Reason);
        Assert.Equal("ran: input artifact prepared changed", cache.Stage("Train").Reason);
    }

    [Fact]
    public void A_changed_upstream_artifact_reruns_the_consumer()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");

        cache.Run("Report", "--flavor", "spicy");

        Assert.Equal(["Prepare", "Train", "Report"], cache.RanSince(3));
        Assert.Equal("ran: parameter flavor plain -> spicy", cache.Stage("Prepare").Reason);
        Assert.Equal("ran: input artifact prepared changed", cache.Stage("Train").Reason);
    }

    [Fact]
    public void An_upstream_rerun_that_produces_identical_content_leaves_the_consumer_cached()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");

        cache.Run("Report", "--noise", "4");

        Assert.Equal(["Prepare"], cache.RanSince(3));
        Assert.Equal(StageStatus.Cached, cache.Status("Train"));
    }

    [Fact]
    public void A_cache_hit_whose_stored_artifact_was_deleted_is_not_a_hit()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        var stored = cache.ObjectOf("Train", "model", "model.txt");
        File.Delete(stored);

        cache.Run("Report");

        Assert.Equal(["Train"], cache.RanSince(3));
        Assert.Equal("ran: stored artifact 'model' is unusable: file model.txt is missing from the store", cache.Stage("Train").Reason);
        Assert.True(File.Exists(stored));
        Assert.Equal(StageStatus.Cached, cache.Status("Report"));
    }

    [Fact]
    public void A_cache_hit_whose_stored_artifact_was_corrupted_is_not_a_hit()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        cache.Run("Report");
        var stored = cache.ObjectOf("Train", "model", "model.txt");
        var original = File.ReadAllText(stored);
        _ = new FileInfo(stored) { IsReadOnly = false };
        File.WriteAllText(stored, new string('X', original.Length));

        cache.Run("Report");

        Assert.Equal(["Train"], cache.RanSince(3));
        Assert.Equal("ran: stored artifact 'model' is unusable: file model.txt is corrupted in the store", cache.Stage("Train").Reason);
    }

    [Fact]
    public void After_a_corrupted_artifact_is_rebuilt_the_store_is_whole_again()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        var stored = cache.ObjectOf("Train", "model", "model.txt");
        var original = File.ReadAllText(stored);
        _ = new FileInfo(stored) { IsReadOnly = false };
        File.WriteAllText(stored, new string('X', original.Length));
        cache.Run("Report");

        cache.Run("Report");
        Assert.Empty(cache.RanSince(4));
        cache.Run("Report", "--reflected", "1");

        Assert.Equal(["Report"], cache.RanSince(4));
        var log = File.ReadAllText(Path.Combine(cache.Repo.Runs.RunDirectory(cache.Last.RunId), "logs", "Cache.Report.log"));
        Assert.Contains($"model {original.TrimEnd('\n')}", log);
        Assert.DoesNotContain("XXX", log);
    }

    [Fact]
    public void No_cache_runs_every_stage_but_still_stores_the_results()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");

        cache.Run("Report", "--no-cache");

        Assert.Equal(["Prepare", "Train", "Report"], cache.RanSince(3));
        Assert.All(cache.Last.Stages, s => Assert.Equal("ran: --no-cache", s.Reason));
        cache.Run("Report");
        Assert.Empty(cache.RanSince(6));
    }

    [Fact]
    public void A_stage_marked_NotCached_always_runs_and_says_why()
    {
        using var cache = new CacheRepo();
        cache.Run("Ping");

        cache.Run("Ping");

        Assert.Equal(["Ping", "Ping"], cache.RanSince(0));
        Assert.Equal("ran: not cached: asks a live service", cache.Stage("Ping").Reason);
    }

    [Fact]
    public void The_first_run_explains_that_the_stage_never_ran()
    {
        using var cache = new CacheRepo();

        cache.Run("Prepare");

        Assert.Equal("ran: never run before", cache.Stage("Prepare").Reason);
    }
}
