using LlmOps.Pipelines.Support;

namespace LlmOps.Core.Tests.Sample;

/// <summary>The shipped sample pipeline, end to end, in a temporary copy of the repository layout.</summary>
public sealed class SupportPipelineTests
{
    // The local-directory target: the Docker target is tested with real containers in LlmOps.Deployment.Tests.
    // Governance requires an approval for production; locally --approve records the local user.
    private static readonly string[] Release = ["Deploy", "--deploy-to", "LocalDirectory", "--approve", "sample test"];

    [Fact]
    public void The_default_target_trains_evaluates_and_gates_without_deploying()
    {
        using var repo = SampleRepo();
        var result = repo.Run(typeof(SupportPipeline));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Support.Validate", "Support.Train", "Support.Evaluate"], repo.LatestRun().Stages.Select(s => s.Id));
        Assert.False(repo.Exists(".llmops/deployments/support-intent/current"));
    }

    [Fact]
    public void The_support_pipeline_runs_every_stage_then_gates_once_against_the_model_it_deployed_then_only_redeploys()
    {
        using var repo = SampleRepo();
        var first = repo.Run(typeof(SupportPipeline), Release);

        Assert.True(first.ExitCode == 0, first.ToString());
        var run = repo.LatestRun();
        Assert.Equal(["Support.Deploy"], run.Targets);
        Assert.Equal(
            ["Support.Validate", "Support.Train", "Support.Evaluate", "Support.Pack", "Support.Govern", "Support.Deploy", "Support.GovernDeployed"],
            run.Stages.Select(s => s.Id));
        Assert.All(run.Stages, s => Assert.True(s.Status == StageStatus.Succeeded, $"{s.Id}: {s.Status} ({s.Reason})"));
        Assert.True(repo.Exists(".llmops/deployments/support-intent/current"));

        // The first run was a cold start; the second compares the model with the champion the first deployed, which
        // changes the verdict the package carries; the third has nothing new to decide but the deployment, which is
        // never cached (its state lives on the target) and finds the version already current.
        var second = repo.Run(typeof(SupportPipeline), Release);

        Assert.True(second.ExitCode == 0, second.ToString());
        var compared = repo.LatestRun();
        Assert.Contains("champion changed", repo.Stage(compared, "Support.Evaluate").Reason);
        Assert.All(compared.Stages.Take(2), s => Assert.True(s.Status == StageStatus.Cached, $"{s.Id}: {s.Status} ({s.Reason})"));

        var third = repo.Run(typeof(SupportPipeline), Release);

        Assert.True(third.ExitCode == 0, third.ToString());
        var cached = repo.LatestRun();
        Assert.NotEqual(compared.RunId, cached.RunId);
        Assert.All(cached.Stages.Take(4), s => Assert.True(s.Status == StageStatus.Cached, $"{s.Id}: {s.Status} ({s.Reason})"));
    }

    [Fact]
    public void Retraining_to_an_identical_model_stops_the_cascade()
    {
        using var repo = SampleRepo();
        var first = repo.Run(typeof(SupportPipeline), Release);
        Assert.True(first.ExitCode == 0, first.ToString());
        var compared = repo.Run(typeof(SupportPipeline), Release); // gates against the champion the first run deployed
        Assert.True(compared.ExitCode == 0, compared.ToString());
        var trained = repo.Stage(repo.LatestRun(), "Support.Train");

        // Forgetting Train's cache entry makes it train again on unchanged data, as a retraining on a new machine would.
        File.Delete(repo.Path($".llmops/cache/entries/{trained.CacheKey}.json"));
        var second = repo.Run(typeof(SupportPipeline), Release);

        Assert.True(second.ExitCode == 0, second.ToString());
        var run = repo.LatestRun();
        var retrained = repo.Stage(run, "Support.Train");
        Assert.Equal(StageStatus.Succeeded, retrained.Status);
        Assert.Equal(trained.Outputs, retrained.Outputs);
        Assert.All(run.Stages.Where(s => s.Id is not ("Support.Train" or "Support.Deploy" or "Support.GovernDeployed")), s => Assert.True(s.Status == StageStatus.Cached, $"{s.Id}: {s.Status} ({s.Reason})"));
    }

    [Fact]
    public void In_CI_the_development_key_is_not_trusted_so_governance_stops_the_release_before_it_deploys()
    {
        using var repo = SampleRepo();
        repo.Environment["CI"] = "true";

        var result = repo.Run(typeof(SupportPipeline), Release);

        Assert.NotEqual(0, result.ExitCode);
        var run = repo.LatestRun();
        var govern = repo.Stage(run, "Support.Govern");
        Assert.Equal(StageStatus.Failed, govern.Status);
        Assert.Contains("trusted", govern.Reason, StringComparison.Ordinal);
        Assert.NotEqual(StageStatus.Succeeded, repo.Stage(run, "Support.Deploy").Status);
        Assert.False(repo.Exists(".llmops/deployments/support-intent/current"));
    }

    private static TempRepo SampleRepo()
    {
        var repo = new TempRepo();
        Directory.CreateDirectory(repo.Path("pipelines/support/data"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "SampleData", "intents.jsonl"), repo.Path("pipelines/support/data/intents.jsonl"));

        // The governance policy requires complete provenance, which names the source commit: a clone has one.
        foreach (var args in new[] { "init -q", "add -A", "-c user.name=test -c user.email=test@example.invalid commit -q -m sample" })
        {
            using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", args) { WorkingDirectory = repo.Root })!;
            git.WaitForExit();
            Assert.Equal(0, git.ExitCode);
        }

        return repo;
    }
}
