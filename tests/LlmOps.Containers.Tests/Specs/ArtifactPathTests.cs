using LlmOps.Containers.Errors;
using LlmOps.Containers.Running;
using LlmOps.Containers.Specs;
using LlmOps.Dsl;

namespace LlmOps.Containers.Tests.Specs;

/// <summary><c>c.Input(artifact)</c> and <c>c.Output(artifact)</c>: container paths from typed artifacts.</summary>
public sealed class ArtifactPathTests
{
    private static readonly Artifact<DatasetArtifact> TrainSet = new("sft-train");
    private static readonly Artifact<ModelArtifact> BaseWeights = new("sft-base-model");
    private static readonly Artifact<ModelArtifact> Adapter = new("sft-adapter");

    [Fact]
    public void Inputs_and_outputs_are_the_mount_paths_of_the_artifacts()
    {
        var c = new ContainerSpecBuilder();

        Assert.Equal("/llmops/inputs/sft-base-model", c.Input(BaseWeights));
        Assert.Equal("/llmops/inputs/sft-train/train.jsonl", c.Input(TrainSet, "train.jsonl"));
        Assert.Equal("/llmops/inputs/sft-train/shards/00.jsonl", c.Input(TrainSet, "shards/00.jsonl"));
        Assert.Equal("/llmops/outputs/sft-adapter", c.Output(Adapter));
        Assert.Equal("/llmops/outputs/sft-adapter/adapter_config.json", c.Output(Adapter, "adapter_config.json"));
        Assert.Equal("/llmops/outputs/metrics.jsonl", c.MetricsFile);
        Assert.Equal(ContainerPaths.Input(TrainSet.Name), c.Input(TrainSet));
    }

    [Fact]
    public void The_spec_records_the_referenced_artifacts_once_each_in_order_of_first_use()
    {
        var c = new ContainerSpecBuilder();
        var spec = c.Image("alpine:3.20")
            .Command("train", "--train", c.Input(TrainSet, "train.jsonl"), "--base", c.Input(BaseWeights), "--again", c.Input(TrainSet), "--out", c.Output(Adapter))
            .Build();

        Assert.Equal([TrainSet, BaseWeights], spec.ReferencedInputs);
        Assert.Equal([Adapter], spec.ReferencedOutputs);
        Assert.Empty(new ContainerSpecBuilder().Image("alpine:3.20").Build().ReferencedInputs);
    }

    [Fact]
    public void Referencing_artifacts_does_not_change_the_cache_description_beyond_the_command()
    {
        var c = new ContainerSpecBuilder();
        var typed = c.Image("alpine:3.20").Command("cat", c.Input(TrainSet, "train.jsonl")).Build();
        var spelled = new ContainerSpecBuilder().Image("alpine:3.20").Command("cat", "/llmops/inputs/sft-train/train.jsonl").Build();

        Assert.Equal(spelled.CanonicalDescription, typed.CanonicalDescription);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("../sft-base-model")]
    [InlineData("data/../../x")]
    [InlineData("./train.jsonl")]
    [InlineData("data//train.jsonl")]
    [InlineData("data/")]
    [InlineData("data\\train.jsonl")]
    [InlineData("a\nb")]
    public void A_path_that_is_absolute_or_leaves_the_artifact_is_refused(string relative)
    {
        var c = new ContainerSpecBuilder();

        var input = Assert.Throws<ContainerStageException>(() => c.Input(TrainSet, relative));
        var output = Assert.Throws<ContainerStageException>(() => c.Output(Adapter, relative));

        Assert.Contains("inside artifact 'sft-train'", input.Message);
        Assert.Contains("inside artifact 'sft-adapter'", output.Message);
        Assert.Empty(c.Image("alpine:3.20").Build().ReferencedInputs);
    }

    [Fact]
    public void An_artifact_named_like_a_path_step_is_refused()
    {
        // The artifact itself refuses the name, before any container path is made of it.
        var error = Assert.Throws<ArgumentException>(() => new ContainerSpecBuilder().Input(new Artifact<DatasetArtifact>("..")));
        Assert.Contains("'..'", error.Message);
    }
}
