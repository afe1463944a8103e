using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

/// <summary>Prune removes what nothing keeps: old runs and the artifacts only they produced.</summary>
public sealed class PruneTests
{
    private static AppResult Prune(CacheRepo cache, params string[] args)
    {
        var result = cache.Repo.Run(typeof(CachePipeline), ["Prune", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static string[] Produced(CacheRepo cache) => [cache.Stage("Prepare").Outputs["prepared"], cache.Stage("Train").Outputs["model"]];

    private static bool Stored(CacheRepo cache, string hash) =>
        new RunEnvironment(new ExecutionOptions { RootDirectory = cache.Repo.Root }).Store.Verify(hash) is null;

    [Fact]
    public void Prune_keeps_the_newest_runs_and_refs_and_removes_older_runs_and_their_artifacts()
    {
        using var cache = new CacheRepo();
        cache.Run("Report", "--flavor", "a");
        var old = Produced(cache);
        cache.Run("Report", "--flavor", "b");
        var current = Produced(cache);

        var result = Prune(cache, "--keep-runs", "1");

        Assert.Equal(1, cache.Repo.RunCount);
        Assert.All(old, h => Assert.False(Stored(cache, h)));
        Assert.All(current, h => Assert.True(Stored(cache, h)));
        Assert.Contains($"removed artifact prepared {old[0][..12]}", result.Output);
        Assert.Matches(@"Prune removed 1 run\(s\), 0 deployed version\(s\), 2 artifact\(s\), 2 object\(s\) and 3 cache entr\(ies\): [0-9,]+ bytes\.", result.Output);
        var before = cache.Repo.Trace().Count;
        cache.Run("Report", "--flavor", "b");
        Assert.Empty(cache.RanSince(before));
        cache.Run("Report", "--flavor", "a");
        Assert.Equal(["Prepare", "Train", "Report"], cache.RanSince(before));
    }

    [Fact]
    public void A_dry_run_lists_what_would_go_with_its_size_and_removes_nothing()
    {
        using var cache = new CacheRepo();
        cache.Run("Report", "--flavor", "a");
        var old = Produced(cache);
        cache.Run("Report", "--flavor", "b");
        var store = Directory.EnumerateFiles(Path.Combine(cache.Repo.StateDirectory, "store"), "*", SearchOption.AllDirectories).Count();

        var result = Prune(cache, "--keep-runs", "1", "--dry-run");

        Assert.Contains($"would remove artifact model {old[1][..12]}", result.Output);
        Assert.Matches(@"Prune would remove 1 run\(s\), 0 deployed version\(s\), 2 artifact\(s\), 2 object\(s\) and 3 cache entr\(ies\): [1-9][0-9,]* bytes\.", result.Output);
        Assert.Equal(2, cache.Repo.RunCount);
        Assert.Equal(store, Directory.EnumerateFiles(Path.Combine(cache.Repo.StateDirectory, "store"), "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public void Pinned_runs_and_deployed_copies_keep_their_artifacts()
    {
        using var cache = new CacheRepo();
        cache.Run("Report", "--flavor", "a");
        var pinned = Produced(cache);
        var pinnedRun = cache.Last.RunId;
        cache.Run("Report", "--flavor", "b");
        var deployed = cache.Stage("Train").Outputs["model"];
        var deployment = cache.Repo.Path(".llmops/deployments/model/b");
        Directory.CreateDirectory(deployment);
        File.Copy(cache.ObjectOf("Train", "model", "model.txt"), Path.Combine(deployment, "model.txt"));
        cache.Run("Report", "--flavor", "c");
        Assert.Equal(0, cache.Repo.Run(typeof(CachePipeline), "Pin", pinnedRun).ExitCode);

        Prune(cache, "--keep-runs", "1");

        Assert.All(pinned, h => Assert.True(Stored(cache, h)));
        Assert.True(Stored(cache, deployed));
        Assert.True(Directory.Exists(cache.Repo.Runs.RunDirectory(pinnedRun)));
        Assert.Equal(2, cache.Repo.RunCount);
    }

    // Deploys the model the last run trained as deployments/<target>/<version>, written at the given time.
    private static string Deploy(CacheRepo cache, string target, string version, DateTime written)
    {
        var folder = cache.Repo.Path($".llmops/deployments/{target}/{version}");
        Directory.CreateDirectory(folder);
        File.Copy(cache.ObjectOf("Train", "model", "model.txt"), Path.Combine(folder, "model.txt"));
        Directory.SetLastWriteTimeUtc(folder, written);
        return folder;
    }

    [Fact]
    public void Prune_keeps_the_current_and_the_newest_deployed_versions_and_frees_the_artifacts_of_the_others()
    {
        using var cache = new CacheRepo();
        var now = DateTime.UtcNow;
        var models = new Dictionary<string, string>();
        var versions = new Dictionary<string, string>();
        foreach (var (flavor, age) in new[] { ("a", 3), ("b", 2), ("c", 1) })
        {
            cache.Run("Report", "--flavor", flavor);
            models[flavor] = cache.Stage("Train").Outputs["model"];
            versions[flavor] = Deploy(cache, "model", flavor, now.AddHours(-age));
            Deploy(cache, "unpointed", flavor, now.AddHours(-age));
        }

        // Rolled back to the oldest version: the pointer, not the age, says which one is live.
        cache.Repo.Write(".llmops/deployments/model/current", "a\n");

        var planned = Prune(cache, "--keep-runs", "0", "--keep-deployments", "1", "--dry-run");

        Assert.Contains("would remove deployed version deployments/model/b", planned.Output);
        Assert.True(Directory.Exists(versions["b"]));

        var result = Prune(cache, "--keep-runs", "0", "--keep-deployments", "1");

        Assert.Contains("removed deployed version deployments/model/b", result.Output);
        Assert.Contains("kept every version of deployments/unpointed: no 'current' pointer there names one of them", result.Output);
        Assert.Matches(@"Prune removed 3 run\(s\), 1 deployed version\(s\), ", result.Output);
        Assert.False(Directory.Exists(versions["b"]));
        Assert.True(Directory.Exists(versions["a"]));
        Assert.True(Directory.Exists(versions["c"]));
        Assert.Equal(3, Directory.GetDirectories(cache.Repo.Path(".llmops/deployments/unpointed")).Length);
        Assert.Empty(Directory.GetDirectories(cache.Repo.Path(".llmops/deployments/model"), ".*"));
        Assert.True(Stored(cache, models["a"]));
        Assert.True(Stored(cache, models["c"]));
        // b's model is still deployed under the target without a pointer, so it stays; that target gone, it goes too.
        Assert.True(Stored(cache, models["b"]));
        Directory.Delete(cache.Repo.Path(".llmops/deployments/unpointed"), recursive: true);
        Prune(cache, "--keep-runs", "0", "--keep-deployments", "1");
        Assert.False(Stored(cache, models["b"]));
        Assert.True(Stored(cache, models["a"]));
    }

    [Fact]
    public void Prune_removes_unreferenced_artifacts_of_a_store_that_never_materialized_a_tree()
    {
        using var repo = new TempRepo();
        var state = new StateLayout(repo.StateDirectory);
        var store = new ArtifactStore(state.Store, FileHashCache.Load(state.FileHashes));
        repo.Write("staging/kept.txt", "kept");
        var (kept, _) = store.Ingest(repo.Path("staging"), "kept", DatasetArtifact.KindName);
        store.SetRef("P", "kept", kept);
        repo.Write("staging/gone.txt", "gone");
        var (gone, _) = store.Ingest(repo.Path("staging"), "gone", DatasetArtifact.KindName);

        var result = StorePruner.Run(state, keepRuns: 0, dryRun: false);

        Assert.Equal([$"gone {gone[..12]}"], result.Artifacts);
        Assert.Null(store.Verify(kept));
        Assert.NotNull(store.Verify(gone));
    }

    [Theory]
    [InlineData("--keep-runs", "-3", "--keep-runs: '-3' is not a whole number of runs (0 or more)")]
    [InlineData("--keep-deployments", "many", "--keep-deployments: 'many' is not a whole number of deployed versions (0 or more)")]
    public void A_bad_count_to_keep_is_a_usage_error(string option, string value, string message)
    {
        using var cache = new CacheRepo();

        var result = cache.Repo.Run(typeof(CachePipeline), "Prune", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }
}
