using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Extensions;

/// <summary>A stage kind from outside the core plugs in through the extension points alone.</summary>
public sealed class StageKindTests
{
    [Fact]
    public void A_custom_kind_runs_its_body_with_the_resolved_key_and_reads_the_declaration()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(CountingPipeline), "CountC", "--parallel", "1");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(["Counting.CountA", "Counting.CountB", "Counting.CountC"], repo.Trace());
        var record = repo.LatestRun();
        var store = new ArtifactStore(Path.Combine(repo.StateDirectory, "store"), FileHashCache.Load(Path.Combine(repo.StateDirectory, "cache", "h.json")));
        Assert.Equal("hello digest-of-model-y 1", File.ReadAllText(Path.Combine(store.Materialize(record.Stages.Single(s => s.Id == "Counting.CountC").Outputs["third-count"]), "count.txt")));
    }

    [Fact]
    public void A_key_part_is_resolved_once_per_run_for_every_stage_that_shares_it()
    {
        using var repo = new TempRepo();
        var before = CountingKind.Resolutions.GetValueOrDefault("model-x");

        Assert.Equal(0, repo.Run(typeof(CountingPipeline), "CountC", "--parallel", "2").ExitCode);

        Assert.Equal(before + 1, CountingKind.Resolutions.GetValueOrDefault("model-x"));
    }

    [Fact]
    public void A_dry_run_never_resolves_and_says_when_the_decision_is_made()
    {
        using var repo = new TempRepo();
        var before = CountingKind.Resolutions.GetValueOrDefault("model-x");

        var result = repo.Run(typeof(CountingPipeline), "CountC", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(before, CountingKind.Resolutions.GetValueOrDefault("model-x"));
        Assert.Contains("model-x is resolved when the stage runs", result.Output);
        Assert.Contains("upstream Counting.CountA will run", result.Output);
        Assert.Empty(repo.Trace());
    }

    [Fact]
    public void A_kind_setting_enters_the_cache_key_and_is_named_when_it_changes()
    {
        using var repo = new TempRepo();
        Assert.Equal(0, repo.Run(typeof(CountingPipeline), "CountA").ExitCode);

        var rerun = repo.Run(typeof(CountingPipeline), "CountA", "--greeting", "bonjour");

        Assert.Equal(0, rerun.ExitCode);
        Assert.StartsWith("ran: greeting changed", repo.LatestRun().Stages.Single().Reason);
    }

    [Fact]
    public void The_plan_shows_the_kind_annotation()
    {
        using var repo = new TempRepo();

        var result = repo.Run(typeof(CountingPipeline), "CountC", "--plan");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("counts with model-y", result.Output);
    }
}
