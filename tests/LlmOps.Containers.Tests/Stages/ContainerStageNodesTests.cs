using LlmOps.Containers.Errors;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Tests.Infrastructure;
using LlmOps.Execution;

namespace LlmOps.Containers.Tests.Stages;

/// <summary>The node count of a container stage: a cluster setting that a local run refuses instead of running one node.</summary>
public sealed class ContainerStageNodesTests
{
    private static ContainerSpecBuilder Trainer() => new ContainerSpecBuilder().Image("ghcr.io/acme/t@" + PinnedPipeline.Digest).Command("torchrun", "train.py");

    [Fact]
    public void One_node_leaves_the_cache_key_as_it_was_and_more_nodes_change_it()
    {
        Assert.Equal(Trainer().Build().CanonicalDescription, Trainer().Nodes(1).Build().CanonicalDescription);
        Assert.DoesNotContain("nodes", Trainer().Build().CanonicalDescription, StringComparison.Ordinal);
        Assert.Contains("\"nodes\":4", Trainer().Nodes(4).Build().CanonicalDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void A_node_count_out_of_range_is_a_definition_error(int count)
    {
        var error = Assert.Throws<ContainerStageException>(() => Trainer().Nodes(count));

        Assert.Contains($"Invalid node count {count}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_run_of_a_multi_node_stage_fails_before_touching_an_engine()
    {
        using var temp = new TempDir();
        var outcome = await new PipelineHarness(temp.Path, typeof(MultiNodePipeline)).RunAsync("MultiNode.Train", CancellationToken.None);

        Assert.Equal(StageStatus.Failed, outcome.Stage("MultiNode.Train").Status);
        Assert.Contains("declared to run on 4 nodes, and a local run has one Docker engine", outcome.Log("MultiNode.Train"), StringComparison.Ordinal);
    }
}
