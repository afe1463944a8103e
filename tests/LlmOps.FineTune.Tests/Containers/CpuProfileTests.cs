using System.Text.Json;
using LlmOps.Execution;
using LlmOps.FineTune.Tests.Infrastructure;

namespace LlmOps.FineTune.Tests.Containers;

/// <summary>The CPU profile end to end: stages, artifacts, metrics, the package, governance, serving and what a change re-runs.</summary>
[Collection(TrainerContainerCollection.Name)]
public sealed class CpuProfileTests(CpuProfileRun run)
{
    private static readonly string[] TrainingStages = ["Prepare", "Validate", "TrainTokenizer", "Base", "FineTune", "Export", "Evaluate"];
    private static readonly string[] ReleaseStages = ["Pack", "Govern", "Deploy", "GovernDeployed"];

    [Fact]
    public void The_cpu_profile_trains_a_language_model_and_its_gate_blesses_the_onnx_export()
    {
        run.RequireRun();

        Assert.All(TrainingStages, s => Assert.Equal(StageStatus.Succeeded, run.Trained.Stage("FineTune." + s).Status));
        Assert.DoesNotContain(run.Trained.Record.Stages, s => ReleaseStages.Contains(s.Id["FineTune.".Length..]));
        var adapter = run.Trained.ArtifactDirectory("FineTune.FineTune", "sft-adapter");
        Assert.True(File.Exists(Path.Combine(adapter, "adapter.pt")));
        Assert.Contains("\"rank\": 2", File.ReadAllText(Path.Combine(adapter, "adapter_config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_packages_signs_governs_and_serves_the_blessed_model()
    {
        run.RequireRun();

        Assert.All(TrainingStages, s => Assert.Equal(StageStatus.Cached, run.Deployed.Stage("FineTune." + s).Status));
        Assert.All(ReleaseStages, s => Assert.Equal(StageStatus.Succeeded, run.Deployed.Stage("FineTune." + s).Status));
        var package = run.Deployed.ArtifactDirectory("FineTune.Pack", "sft-package");
        Assert.True(File.Exists(Path.Combine(package, "package.tar")));
        Assert.True(File.Exists(Path.Combine(package, "provenance.dsse.json")));
        var governance = Directory.EnumerateFiles(run.Deployed.ArtifactDirectory("FineTune.Govern", "sft-governance"), "*.json").Select(File.ReadAllText).ToList();
        Assert.Contains(governance, g => g.Contains("provenance-complete", StringComparison.Ordinal));
        using var deployment = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Deployed.ArtifactDirectory("FineTune.Deploy", "sft-deployment"), "deployment.json")));
        Assert.Equal("deployed", deployment.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void Loss_curves_from_the_trainer_reach_the_run_record()
    {
        run.RequireRun();

        Assert.Contains("\"pretrain_loss\"", run.Trained.RunJson, StringComparison.Ordinal);
        Assert.Contains("\"train_loss\"", run.Trained.RunJson, StringComparison.Ordinal);
        Assert.Contains("\"eval_loss\"", run.Trained.RunJson, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_reads_the_perplexity_the_trainer_reported_and_scores_generated_answers()
    {
        run.RequireRun();

        var verdict = File.ReadAllText(Path.Combine(run.Trained.ArtifactDirectory("FineTune.Evaluate", "sft-eval"), "verdict.json"));
        Assert.Contains("max-perplexity", verdict, StringComparison.Ordinal);
        Assert.Contains("rouge-l", verdict, StringComparison.Ordinal);
        Assert.Contains("base_eval_loss", verdict, StringComparison.Ordinal);
    }

    // A deployment is never answered from the cache (its state lives on the target): the second Deploy finds the same
    // version serving and says so, and the check after it reads the served bytes again.
    [Fact]
    public async Task A_second_run_is_cached_up_to_deploy_which_finds_the_same_version_serving()
    {
        run.RequireRun();

        var second = await run.Harness().RunAsync("FineTune.Deploy", TestContext.Current.CancellationToken);

        Assert.All(TrainingStages.Append("Pack").Append("Govern"), s => Assert.Equal(StageStatus.Cached, second.Stage("FineTune." + s).Status));
        Assert.All(["Deploy", "GovernDeployed"], s => Assert.Equal(StageStatus.Succeeded, second.Stage("FineTune." + s).Status));
        using var deployment = JsonDocument.Parse(File.ReadAllText(Path.Combine(second.ArtifactDirectory("FineTune.Deploy", "sft-deployment"), "deployment.json")));
        Assert.Equal("unchanged", deployment.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Changing_the_lora_rank_reruns_fine_tuning_and_what_follows_but_not_pretraining()
    {
        run.RequireRun();
        var harness = run.Harness();
        harness.Parameters["lora-rank"] = "3";

        var changed = await harness.RunAsync("FineTune.Pack", TestContext.Current.CancellationToken);

        Assert.All(["Prepare", "Validate", "TrainTokenizer", "Base"], s => Assert.Equal(StageStatus.Cached, changed.Stage("FineTune." + s).Status));
        Assert.All(["FineTune", "Export", "Evaluate", "Pack"], s => Assert.Equal(StageStatus.Succeeded, changed.Stage("FineTune." + s).Status));
        Assert.Contains("lora-rank", changed.Stage("FineTune.FineTune").Reason ?? "", StringComparison.Ordinal);
    }
}
