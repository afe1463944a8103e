namespace LlmOps.Core.Tests.Execution;

public sealed class DryRunTests
{
    [Fact]
    public void A_dry_run_reports_hits_and_misses_with_reasons_and_runs_nothing()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");

        var result = cache.Run("Report", "--epochs", "5", "--dry-run");

        Assert.Empty(cache.RanSince(3));
        Assert.Equal(1, cache.Repo.RunCount);
        Assert.Contains("Dry run of Cache.Report: nothing is executed.", result.Output);
        Assert.Matches(@"Cache\.Prepare\s+cached\s+key [0-9a-f]{12} matches run ", result.Output);
        Assert.Matches(@"Cache\.Train\s+run\s+parameter epochs 3 -> 5", result.Output);
        Assert.Matches(@"Cache\.Report\s+run\s+upstream Cache\.Train will run, so its inputs will change", result.Output);
    }

    [Fact]
    public void A_dry_run_in_a_fresh_repository_says_nothing_ran_before()
    {
        using var cache = new CacheRepo();

        var result = cache.Run("Prepare", "--dry-run");

        Assert.Matches(@"Cache\.Prepare\s+run\s+never run before", result.Output);
        Assert.Equal(0, cache.Repo.RunCount);
    }

    [Fact]
    public void A_dry_run_notices_a_damaged_stored_artifact()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        File.Delete(cache.ObjectOf("Prepare", "prepared", "data.txt"));

        var result = cache.Run("Report", "--dry-run");

        Assert.Matches(@"Cache\.Prepare\s+run\s+stored artifact 'prepared' is unusable: file data\.txt is missing from the store", result.Output);
    }

    [Fact]
    public void A_dry_run_shows_not_cached_and_no_cache_reasons()
    {
        using var cache = new CacheRepo();
        cache.Run("Prepare");

        var notCached = cache.Run("Ping", "--dry-run");
        var noCache = cache.Run("Prepare", "--dry-run", "--no-cache");

        Assert.Matches(@"Cache\.Ping\s+run\s+not cached: asks a live service", notCached.Output);
        Assert.Matches(@"Cache\.Prepare\s+run\s+--no-cache", noCache.Output);
    }
}
