using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Execution;

/// <summary>
/// The two options a scheduler that runs stage bodies elsewhere (an Argo pod) relies on: <c>--cached-only</c> asks the
/// cache without running anything, and <c>--outputs-from</c> commits outputs a body left elsewhere as a run would.
/// </summary>
public sealed class ElsewhereRunTests
{
    [Fact]
    public void Cached_only_runs_nothing_and_exits_4_when_a_stage_is_not_cached()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(WiringPipeline), "Make", "--cached-only");

        Assert.Equal(LlmOpsApp.CachedOnlyMissExitCode, result.ExitCode);
        Assert.Empty(repo.Trace());
        var make = repo.Stage(repo.LatestRun(), "Wiring.Make");
        Assert.Equal(StageStatus.NotRun, make.Status);
        Assert.Equal("not cached (never run before); --cached-only runs nothing", make.Reason);
    }

    [Fact]
    public void Cached_only_reuses_and_exports_what_is_cached_and_exits_0()
    {
        using var repo = new TempRepo();
        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Make").ExitCode);

        var result = repo.Run(typeof(WiringPipeline), "Make", "--cached-only", "--export", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Wiring.Make"], repo.Trace());
        Assert.Equal(StageStatus.Cached, repo.Stage(repo.LatestRun(), "Wiring.Make").Status);
        Assert.Equal("rows", repo.Read("out/data/rows.txt"));
    }

    [Fact]
    public void Cached_only_still_exits_1_when_a_stage_cannot_even_be_decided()
    {
        using var repo = new TempRepo();

        // Use's producers are skipped and nothing of theirs was ever stored or imported: a failure, not a miss.
        var result = repo.Run(typeof(WiringPipeline), "Use", "--skip", "--cached-only");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(StageStatus.Failed, repo.Stage(repo.LatestRun(), "Wiring.Use").Status);
    }

    [Fact]
    public void Outputs_from_commits_what_a_body_left_elsewhere_without_running_the_body()
    {
        using var repo = new TempRepo();
        repo.Write("elsewhere/data/rows.txt", "rows from a pod");

        var result = repo.Run(typeof(WiringPipeline), "Make", "--skip", "--outputs-from", "elsewhere", "--export", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(repo.Trace());
        Assert.Equal(StageStatus.Succeeded, repo.Stage(repo.LatestRun(), "Wiring.Make").Status);
        Assert.Equal("rows from a pod", repo.Read("out/data/rows.txt"));
        Assert.True(repo.Exists("out/data/.llmops-manifest.json"));
        Assert.True(repo.Exists("elsewhere/data/rows.txt"), "the body's outputs are copied, not moved");
    }

    [Fact]
    public void What_outputs_from_committed_is_a_cache_hit_for_the_next_run()
    {
        using var repo = new TempRepo();
        repo.Write("elsewhere/data/rows.txt", "rows from a pod");
        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Make", "--skip", "--outputs-from", "elsewhere").ExitCode);

        var result = repo.Run(typeof(WiringPipeline), "Make", "--cached-only", "--export", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("rows from a pod", repo.Read("out/data/rows.txt"));
    }

    [Fact]
    public void Outputs_from_without_the_artifacts_folder_fails_the_stage_naming_it()
    {
        using var repo = new TempRepo();
        Directory.CreateDirectory(repo.Path("elsewhere"));

        var result = repo.Run(typeof(WiringPipeline), "Make", "--skip", "--outputs-from", "elsewhere");

        Assert.Equal(1, result.ExitCode);
        var make = repo.Stage(repo.LatestRun(), "Wiring.Make");
        Assert.Equal(StageStatus.Failed, make.Status);
        Assert.Contains("declares .Produces(data), but the body left no folder", make.Reason, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("elsewhere", "data"), make.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "Make", "--outputs-from", "elsewhere" }, "--outputs-from takes the outputs of one stage's body that ran elsewhere")]
    [InlineData(new[] { "Make", "Fit", "--skip", "--outputs-from", "elsewhere" }, "--outputs-from takes the outputs of one stage's body that ran elsewhere")]
    [InlineData(new[] { "Make", "--cached-only", "--no-cache" }, "--cached-only runs nothing, so it cannot go with --no-cache")]
    public void Options_that_contradict_each_other_are_refused_before_anything_runs(string[] args, string message)
    {
        using var repo = new TempRepo();
        Directory.CreateDirectory(repo.Path("elsewhere"));

        var result = repo.Run(typeof(WiringPipeline), args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {message}", result.Error.Trim(), StringComparison.Ordinal);
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void A_shared_store_keeps_temporary_files_of_writers_it_cannot_see_until_they_are_a_day_old()
    {
        using var repo = new TempRepo();
        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Make").ExitCode);
        var young = repo.Path($".llmops/store/tmp/import-999999999.{Guid.NewGuid():N}");
        var old = repo.Path($".llmops/cache/entries/.x.json.999999999.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(young);
        File.WriteAllText(old, "half written by a pod that died yesterday");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2));

        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Make", "--shared-store").ExitCode);

        Assert.True(Directory.Exists(young), "another machine's write in progress is left alone");
        Assert.False(File.Exists(old));
        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Make").ExitCode);
        Assert.False(Directory.Exists(young), "without --shared-store a dead writer's leftovers go at once");
    }
}
