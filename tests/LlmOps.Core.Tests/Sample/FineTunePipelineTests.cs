using LlmOps.Containers.Stages;
using LlmOps.Pipelines.FineTune;

namespace LlmOps.Core.Tests.Sample;

/// <summary>The fine-tune sample's container commands, as the trainer image receives them.</summary>
public sealed class FineTunePipelineTests
{
    [Theory]
    [InlineData("FetchBaseModel", "python -m llmops_sft.fetch --model Qwen/Qwen2.5-0.5B-Instruct --revision main --output /llmops/outputs/sft-base-model")]
    [InlineData("FineTune", "python -m llmops_sft.train --base-model /llmops/inputs/sft-base-model --train /llmops/inputs/sft-train/train.jsonl "
        + "--eval /llmops/inputs/sft-eval-set/eval.jsonl --output /llmops/outputs/sft-adapter --epochs 3 --learning-rate 0.0002 "
        + "--lora-rank 16 --lora-alpha 32 --max-seq-len 1024 --seed 7")]
    [InlineData("Evaluate", "python -m llmops_sft.evaluate --base-model /llmops/inputs/sft-base-model --adapter /llmops/inputs/sft-adapter "
        + "--eval /llmops/inputs/sft-eval-set/eval.jsonl --max-seq-len 1024 --output /llmops/outputs/sft-eval")]
    public void Container_commands_name_the_mounted_artifacts(string stage, string command)
    {
        var definition = Plans.Stage(Plans.Graph(typeof(FineTunePipeline)), stage).Definition;
        var container = (ContainerStage)definition.Features[typeof(ContainerStage)];

        Assert.Equal(command.Split(' '), container.Spec.Command);
    }
}
