using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.FineTune.Tests.Infrastructure;
using LlmOps.Planning;

namespace LlmOps.FineTune.Tests;

/// <summary>What each profile declares, read from the definitions without an engine.</summary>
public sealed class PipelineDefinitionTests : IDisposable
{
    private const string Digest = "registry.example/llmops-sft-trainer@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly ScratchRepository _repository = new();

    [Theory]
    [InlineData("TrainTokenizer", "python3 -m llmops_sft.tokenizer train --train /llmops/inputs/sft-train/train.jsonl --vocab-size 768 --output /llmops/outputs/sft-tokenizer")]
    [InlineData("Base", "python3 -m llmops_sft.pretrain --train /llmops/inputs/sft-train/train.jsonl --tokenizer /llmops/inputs/sft-tokenizer "
        + "--output /llmops/outputs/sft-base-model --steps 300 --dim 128 --layers 4 --seed 7")]
    [InlineData("FineTune", "python3 -m llmops_sft.sft --tokenizer /llmops/inputs/sft-tokenizer --base-model /llmops/inputs/sft-base-model "
        + "--train /llmops/inputs/sft-train/train.jsonl --eval /llmops/inputs/sft-eval-set/eval.jsonl --output /llmops/outputs/sft-adapter "
        + "--epochs 12 --learning-rate 0.003 --lora-rank 8 --lora-alpha 16 --max-seq-len 256 --seed 7")]
    [InlineData("Export", "python3 -m llmops_sft.export --base-model /llmops/inputs/sft-base-model --adapter /llmops/inputs/sft-adapter "
        + "--tokenizer /llmops/inputs/sft-tokenizer --eval /llmops/inputs/sft-eval-set/eval.jsonl --output /llmops/outputs/sft-onnx")]
    public void The_cpu_profile_runs_the_trainer_image_built_from_the_repository(string stage, string command)
    {
        var spec = Container(new FineTuneHarness(_repository.Root, "cpu"), stage);

        Assert.Equal(command.Split(' '), spec.Command);
        var build = Assert.IsType<DockerfileBuild>(spec.Image);
        Assert.Equal(Path.Combine(_repository.Root, "pipelines", "finetune", "trainer", "Dockerfile"), build.DockerfilePath);
        Assert.Equal("debian:bookworm-slim", build.BuildArgs["BASE_IMAGE"]);
        Assert.Null(spec.Gpus);
        Assert.Equal(ContainerNetwork.None, spec.Network);
    }

    [Fact]
    public void The_gpu_profile_fine_tunes_with_one_torchrun_process_per_gpu_in_the_image_given_by_digest()
    {
        var harness = new FineTuneHarness(_repository.Root, profile: null);
        harness.Parameters["trainer-image"] = Digest;
        harness.Parameters["gpu-count"] = "4";

        var spec = Container(harness, "FineTune");

        Assert.Equal(["torchrun", "--nproc_per_node", "4", "-m", "llmops_sft.train"], spec.Command.Take(5));
        Assert.Equal(4, spec.Gpus!.Count);
        Assert.Equal(Digest, Assert.IsType<ImageReference>(spec.Image).Reference);
    }

    [Fact]
    public void The_gpu_profile_fetches_the_base_model_at_a_pinned_commit()
    {
        var harness = new FineTuneHarness(_repository.Root, profile: null);
        harness.Parameters["trainer-image"] = Digest;

        var command = Container(harness, "Base").Command;

        var revision = command[command.ToList().IndexOf("--revision") + 1];
        Assert.Matches("^[0-9a-f]{40}$", revision);
    }

    [Fact]
    public void The_gpu_profile_without_a_trainer_image_stops_at_planning_naming_the_parameter()
    {
        var error = Assert.Throws<DefinitionException>(() => new FineTuneHarness(_repository.Root, profile: null).Plan("FineTune.Pack"));

        Assert.Contains("--trainer-image (environment TRAINER_IMAGE), required by FineTune.Base", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trainer-image", "ghcr.io/acme/llmops-sft-trainer:1.0.0", "is not pinned by digest")]
    [InlineData("base-model-revision", "main", "is not a commit (40 hex digits)")]
    public void An_unpinned_image_or_revision_is_a_definition_error_naming_it(string parameter, string value, string message)
    {
        var harness = new FineTuneHarness(_repository.Root, profile: null);
        harness.Parameters["trainer-image"] = Digest;
        harness.Parameters[parameter] = value;

        var error = Assert.ThrowsAny<Exception>(() => harness.Plan("FineTune.Pack"));

        Assert.Contains($"--{parameter} '{value}' {message}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lora_rank_is_not_a_parameter_of_the_tokenizer_or_pretraining()
    {
        var plan = new FineTuneHarness(_repository.Root, "cpu").Plan("FineTune.Pack");

        foreach (var stage in new[] { "TrainTokenizer", "Base" })
        {
            var spec = ((ContainerStage)plan.Stages.Single(s => s.Stage.Id == "FineTune." + stage).Stage.Definition.Features[typeof(ContainerStage)]).Spec;
            Assert.DoesNotContain("--lora-rank", spec.Command);
        }
    }

    [Fact]
    public void Training_does_not_deploy_and_deploy_governs_first()
    {
        var harness = new FineTuneHarness(_repository.Root, "cpu");
        var pipeline = harness.Load().Single();

        var byDefault = harness.Plan(pipeline.Find(pipeline.Instance.Default!)!.Id).Stages.Select(s => s.Stage.Id).ToList();
        var deploy = harness.Plan("FineTune.Deploy").Stages.Select(s => s.Stage.Id).ToList();

        Assert.Equal("FineTune.Evaluate", byDefault[^1]);
        Assert.DoesNotContain(byDefault, s => s is "FineTune.Pack" or "FineTune.Deploy");
        Assert.True(deploy.IndexOf("FineTune.Govern") < deploy.IndexOf("FineTune.Deploy"), string.Join(", ", deploy));
        Assert.Contains("FineTune.GovernDeployed", deploy);
    }

    [Fact]
    public void The_smoke_check_asks_the_chat_endpoint_on_a_port_of_its_own()
    {
        var stage = new FineTuneHarness(_repository.Root, "cpu").Load().SelectMany(m => m.Stages).Single(s => s.Id == "FineTune.Deploy");
        var deployment = (LlmOps.Deployment.DeploymentFeature)stage.Definition.Features[typeof(LlmOps.Deployment.DeploymentFeature)];

        var smoke = Assert.Single(deployment.Smoke.Cases);
        Assert.Equal("/v1/chat/completions", smoke.Route);
        Assert.Equal("choices.0.message.content", smoke.Field);
        Assert.Contains("How do I reset my password?", smoke.Body, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:8090", deployment.Target!.Describe(), StringComparison.Ordinal);
    }

    public void Dispose() => _repository.Dispose();

    private static ContainerSpec Container(FineTuneHarness harness, string stage) =>
        ((ContainerStage)harness.Load().SelectMany(m => m.Stages).Single(s => s.Id == "FineTune." + stage).Definition.Features[typeof(ContainerStage)]).Spec;
}
