using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.Containers.Tests.Infrastructure;
using LlmOps.Execution;

namespace LlmOps.Containers.Tests.Stages;

/// <summary>A container stage's cache key follows its image: a rebuilt or retagged image is a miss.</summary>
/// <remarks>One class per concern; the classes share a collection (TestCollections), so they run one after another.</remarks>
[Collection(TestCollections.ContainerStages)]
public sealed class ContainerStageImageTests(DockerFixture docker) : ContainerStageTests(docker)
{
    [Fact]
    public async Task Rebuilt_image_is_a_cache_miss_explained_by_the_image()
    {
        using var dir = new TempDir();
        var harness = WordCount(dir);
        Assert.Equal(StageStatus.Succeeded, (await harness.RunAsync("WordCount.Count", Ct)).Stage("WordCount.Count").Status);
        Assert.Equal(StageStatus.Cached, (await harness.RunAsync("WordCount.Count", Ct)).Stage("WordCount.Count").Status);
        Images.Add(await Docker.Runner().ResolveImageDigestAsync(harness.Load().Single().Stages.Single(s => s.Name == "Count").Definition.Feature<ContainerStage>()!.Spec, Ct));

        await File.AppendAllTextAsync(Path.Combine(harness.Parameters["image-context"], "count.sh"), "echo rebuilt\n", Ct);
        var rerun = await harness.RunAsync("WordCount.Count", Ct);

        var count = rerun.Stage("WordCount.Count");
        Assert.Equal(StageStatus.Succeeded, count.Status);
        Assert.Equal("ran: container image changed", count.Reason);
        Assert.Equal(StageStatus.Cached, rerun.Stage("WordCount.Write").Status);
        Assert.Contains("[WordCount.Count] rebuilt", rerun.Log("WordCount.Count"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retagged_image_is_a_cache_miss_and_the_new_image_runs()
    {
        using var dir = new TempDir();
        var tag = $"llmops-test/retag-{Guid.NewGuid():N}"[..32] + ":v1";
        var runner = Docker.Runner();
        async Task BuildMarker(string marker)
        {
            var context = dir.Sub("ctx-" + marker);
            await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"FROM {DockerFixture.BaseImage}\nRUN echo {marker} > /marker\n", Ct);
            Images.Add(await runner.ResolveImageDigestAsync(new ContainerSpecBuilder().Dockerfile(Path.Combine(context, "Dockerfile"), tag: tag).Build(), Ct));
        }

        await BuildMarker("first");
        var harness = new PipelineHarness(dir.Sub("repo"), typeof(RetagPipeline));
        harness.Parameters["image-tag"] = tag;
        Assert.Contains("[Retag.Show] first", (await harness.RunAsync("Retag.Show", Ct)).Log("Retag.Show"), StringComparison.Ordinal);
        Assert.Equal(StageStatus.Cached, (await harness.RunAsync("Retag.Show", Ct)).Stage("Retag.Show").Status);

        await BuildMarker("second");

        var rerun = await harness.RunAsync("Retag.Show", Ct);
        Assert.Equal("ran: container image changed", rerun.Stage("Retag.Show").Reason);
        Assert.Contains("[Retag.Show] second", rerun.Log("Retag.Show"), StringComparison.Ordinal);
    }
}
