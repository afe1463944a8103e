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

    [Theory]
    [InlineData("FetchBaseModel", "", "sft-base-model")]
    [InlineData("FineTune", "sft-base-model sft-train sft-eval-set", "sft-adapter")]
    [InlineData("Evaluate", "sft-base-model sft-adapter sft-eval-set", "sft-eval")]
    public void Every_artifact_a_command_names_is_one_the_stage_consumes_or_produces(string stage, string inputs, string outputs)
    {
        var definition = Plans.Stage(Plans.Graph(typeof(FineTunePipeline)), stage).Definition;
        var spec = ((ContainerStage)definition.Features[typeof(ContainerStage)]).Spec;

        Assert.Equal(inputs.Split(' ', StringSplitOptions.RemoveEmptyEntries), spec.ReferencedInputs.Select(a => a.Name));
        Assert.Equal(outputs.Split(' '), spec.ReferencedOutputs.Select(a => a.Name));
        Assert.All(spec.ReferencedInputs, a => Assert.Contains(a, definition.ConsumedArtifacts));
        Assert.All(spec.ReferencedOutputs, a => Assert.Contains(a, definition.ProducedArtifacts));
    }
}
