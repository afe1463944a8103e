using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

/// <summary>A damaged store is never trusted: trees, objects, cache entries, refs and run records.</summary>
public sealed class StoreIntegrityTests
{
    [Fact]
    public void A_tree_whose_file_was_replaced_on_disk_is_rebuilt_before_the_next_stage_reads_it()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        var tree = StoreFiles.Tree(cache.Repo, cache.Stage("Prepare").Outputs["prepared"]);
        StoreFiles.Writable(tree);
        File.Delete(Path.Combine(tree, "data.txt"));
        File.WriteAllText(Path.Combine(tree, "data.txt"), string.Concat(Enumerable.Repeat("bad row\n", 200)));

        cache.Run("Report", "--epochs", "4");

        Assert.Equal(["Train", "Report"], cache.RanSince(3));
        Assert.Equal("epochs=4;plain:{\"text\":\"hello\"}\n", File.ReadAllText(cache.ObjectOf("Train", "model", "model.txt")));
        Assert.Equal("plain:{\"text\":\"hello\"}\n", File.ReadAllText(Path.Combine(tree, "data.txt")));
    }

    [Fact]
    public void A_file_added_to_a_tree_is_not_seen_by_the_next_stage()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        var tree = StoreFiles.Tree(cache.Repo, cache.Stage("Prepare").Outputs["prepared"]);
        StoreFiles.Writable(tree);
        File.WriteAllText(Path.Combine(tree, "extra.txt"), "x");

        cache.Run("Report", "--epochs", "4");

        Assert.False(File.Exists(Path.Combine(tree, "extra.txt")));
    }

    [Fact]
    public void Bit_rot_is_missed_by_the_fast_path_but_found_by_verify_and_by_Verify_store()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        var clean = cache.Repo.Run(typeof(CachePipeline), "Verify", "--store");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("no damage", clean.Output);
        var stored = cache.ObjectOf("Train", "model", "model.txt");
        StoreFiles.Rot(stored);

        cache.Run("Report");
        Assert.Empty(cache.RanSince(3));
        var verify = cache.Repo.Run(typeof(CachePipeline), "Verify", "--store");
        cache.Run("Report", "--verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains($"damaged: object store/objects/{Path.GetFileName(stored)[..2]}/{Path.GetFileName(stored)}: its bytes do not match its name", verify.Error);
        Assert.Matches(@"Verified \d+ object\(s\), \d+ manifest\(s\), \d+ tree\(s\), 0 deployment\(s\) by full hash: \d+ problem\(s\)", verify.Output);
        Assert.Equal(["Train"], cache.RanSince(3));
        Assert.Equal("ran: stored artifact 'model' is unusable: file model.txt is corrupted in the store", cache.Stage("Train").Reason);
    }

    [Fact]
    public void Verify_store_finds_a_deployed_version_that_no_longer_matches_its_package()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        var deployed = cache.Repo.Path(".llmops/deployments/model/1");
        Directory.CreateDirectory(deployed);
        File.Copy(cache.ObjectOf("Train", "model", "model.txt"), Path.Combine(deployed, "model.txt"));
        Assert.Equal(0, cache.Repo.Run(typeof(CachePipeline), "Verify", "--store").ExitCode);
        StoreFiles.Rot(Path.Combine(deployed, "model.txt"));

        var verify = cache.Repo.Run(typeof(CachePipeline), "Verify", "--store");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("damaged: deployment deployments/model/1: its files match no stored artifact", verify.Error);
    }

    [Fact]
    public void A_cache_entry_pointing_at_another_artifacts_hash_is_not_a_hit()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        var entry = StoreFiles.CacheEntry(cache.Repo, cache.Stage("Train").CacheKey!);
        File.WriteAllText(entry, File.ReadAllText(entry).Replace(cache.Stage("Train").Outputs["model"], cache.Stage("Prepare").Outputs["prepared"]));

        cache.Run("Report");

        Assert.Equal(["Train"], cache.RanSince(3));
        Assert.Equal("ran: stored artifact 'model' is unusable: it holds artifact 'prepared' (dataset), not 'model' (model)", cache.Stage("Train").Reason);
    }

    [Fact]
    public void A_ref_pointing_at_another_artifacts_hash_is_not_handed_over()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        File.WriteAllText(Path.Combine(cache.Repo.StateDirectory, "store", "refs", "Cache", "prepared"), cache.Stage("Train").Outputs["model"]);

        var result = cache.Repo.Run(typeof(CachePipeline), "Train", "--skip", "Prepare");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("input artifact 'prepared' is unavailable", cache.Stage("Train").Reason);
        Assert.DoesNotContain("Exception", result.ToString());
    }

    [Fact]
    public void An_empty_cache_entry_is_treated_as_missing_with_a_warning()
    {
        using var cache = new CacheRepo();
        cache.Run("Report");
        var entry = StoreFiles.CacheEntry(cache.Repo, cache.Stage("Train").CacheKey!);
        File.WriteAllText(entry, "{}");

        var result = cache.Run("Report");

        Assert.Equal(["Train"], cache.RanSince(3));
        Assert.Equal($"ran: cache entry {entry} is damaged (fields are missing); treated as missing", cache.Stage("Train").Reason);
        Assert.DoesNotContain("Exception", result.ToString());
    }

    [Fact]
    public void A_truncated_latest_run_record_is_passed_over_by_continue_with_a_warning()
    {
        using var repo = new TempRepo();
        Assert.Equal(1, repo.Run(typeof(FailurePipeline), "Broken").ExitCode);
        var first = repo.LatestRun().RunId;
        Thread.Sleep(1100);
        Assert.Equal(1, repo.Run(typeof(FailurePipeline), "Broken").ExitCode);
        var latest = Path.Combine(repo.Runs.RunDirectory(repo.LatestRun().RunId), "run.json");
        File.WriteAllText(latest, File.ReadAllText(latest)[..40]);

        var result = repo.Run(typeof(FailurePipeline), "--continue");

        Assert.Contains($"warning: {latest} is damaged", result.Output);
        Assert.Contains($"Continuing run {first}", result.Output);
        Assert.DoesNotContain("Exception", result.ToString());
    }
}
