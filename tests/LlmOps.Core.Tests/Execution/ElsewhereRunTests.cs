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

        var result = repo.Run(typeof(WiringPipeline), "Make", "--outputs-from", "elsewhere", "--export", "out");

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
        Assert.Equal(0, repo.Run(typeof(WiringPipeline), "Make", "--outputs-from", "elsewhere").ExitCode);

        var result = repo.Run(typeof(WiringPipeline), "Make", "--cached-only", "--export", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("rows from a pod", repo.Read("out/data/rows.txt"));
    }

    [Fact]
    public void Outputs_from_without_the_artifacts_folder_fails_the_stage_naming_it()
    {
        using var repo = new TempRepo();
        Directory.CreateDirectory(repo.Path("elsewhere"));

        var result = repo.Run(typeof(WiringPipeline), "Make", "--outputs-from", "elsewhere");

        Assert.Equal(1, result.ExitCode);
        var make = repo.Stage(repo.LatestRun(), "Wiring.Make");
        Assert.Equal(StageStatus.Failed, make.Status);
        Assert.Contains("declares .Produces(data), but the body left no folder", make.Reason, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("elsewhere", "data"), make.Reason, StringComparison.Ordinal);
    }
}
