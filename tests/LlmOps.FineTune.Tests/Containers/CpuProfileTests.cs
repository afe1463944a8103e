using LlmOps.Execution;
using LlmOps.FineTune.Tests.Infrastructure;

namespace LlmOps.FineTune.Tests.Containers;

/// <summary>The CPU profile end to end: stages, artifacts, metrics and what a change re-runs.</summary>
[Collection(TrainerContainerCollection.Name)]
public sealed class CpuProfileTests(CpuProfileRun run)
{
    private static readonly string[] Stages =
        ["Prepare", "Validate", "TrainTokenizer", "Base", "FineTune", "Export", "Evaluate", "Register"];

    [Fact]
    public void The_cpu_profile_trains_a_language_model_and_registers_the_onnx_model_its_gate_blessed()
    {
        run.RequireRun();

        Assert.All(Stages, s => Assert.Equal(StageStatus.Succeeded, run.First.Stage("FineTune." + s).Status));
        var package = run.First.ArtifactDirectory("FineTune.Register", "sft-package");
        Assert.True(File.Exists(Path.Combine(package, "model", "model.onnx")));
        Assert.True(File.Exists(Path.Combine(package, "verdict.json")));
        var adapter = run.First.ArtifactDirectory("FineTune.FineTune", "sft-adapter");
        Assert.True(File.Exists(Path.Combine(adapter, "adapter.pt")));
        Assert.Contains("\"rank\": 2", File.ReadAllText(Path.Combine(adapter, "adapter_config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Loss_curves_from_the_trainer_reach_the_run_record()
    {
        run.RequireRun();

        Assert.Contains("\"pretrain_loss\"", run.First.RunJson, StringComparison.Ordinal);
        Assert.Contains("\"train_loss\"", run.First.RunJson, StringComparison.Ordinal);
        Assert.Contains("\"eval_loss\"", run.First.RunJson, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_reads_the_perplexity_the_trainer_reported_and_scores_generated_answers()
    {
        run.RequireRun();

        var verdict = File.ReadAllText(Path.Combine(run.First.ArtifactDirectory("FineTune.Evaluate", "sft-eval"), "verdict.json"));
        Assert.Contains("max-perplexity", verdict, StringComparison.Ordinal);
        Assert.Contains("rouge-l", verdict, StringComparison.Ordinal);
        Assert.Contains("base_eval_loss", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_is_fully_cached()
    {
        run.RequireRun();

        var second = await run.Harness().RunAsync("FineTune.Register", TestContext.Current.CancellationToken);

        Assert.All(Stages, s => Assert.Equal(StageStatus.Cached, second.Stage("FineTune." + s).Status));
    }

    [Fact]
    public async Task Changing_the_lora_rank_reruns_fine_tuning_and_what_follows_but_not_pretraining()
    {
        run.RequireRun();
        var harness = run.Harness();
        harness.Parameters["lora-rank"] = "3";

        var changed = await harness.RunAsync("FineTune.Register", TestContext.Current.CancellationToken);

        Assert.All(["Prepare", "Validate", "TrainTokenizer", "Base"], s => Assert.Equal(StageStatus.Cached, changed.Stage("FineTune." + s).Status));
        Assert.All(["FineTune", "Export", "Evaluate", "Register"], s => Assert.Equal(StageStatus.Succeeded, changed.Stage("FineTune." + s).Status));
        Assert.Contains("lora-rank", changed.Stage("FineTune.FineTune").Reason ?? "", StringComparison.Ordinal);
    }
}
