using LlmOps.Containers.Stages;
using LlmOps.Containers.Tests.Infrastructure;
using LlmOps.Dsl;
using LlmOps.Planning;

namespace LlmOps.Containers.Tests.Stages;

/// <summary>What .InContainer records at definition time; none of these need a Docker engine.</summary>
public sealed class ContainerStageDefinitionTests
{
    [Fact]
    public async Task PinnedImageIsKeyedByItsDigestWithoutAskingTheEngine()
    {
        using var dir = new TempDir();
        var stage = new PipelineHarness(dir.Path, typeof(PinnedPipeline)).Load().Single().Stages.Single();
        var feature = stage.Definition.Feature<ContainerStage>()!;
        var keys = new TestKeyContext();

        var parts = (await feature.CacheKeyPartsAsync(keys)).Parts.ToDictionary();

        Assert.Empty(keys.Resolved);
        Assert.Equal(PinnedPipeline.Digest, parts[ContainerStage.ImageKeyPart]);
        Assert.Equal(feature.Spec.CanonicalDescription, parts[ContainerStage.SpecKeyPart]);
        Assert.Contains("\"gpus\":\"device=0,3\"", parts[ContainerStage.SpecKeyPart], StringComparison.Ordinal);
    }

    [Fact]
    public void GpuRequestMarksTheStageForGpuRunners()
    {
        using var dir = new TempDir();
        var stages = new PipelineHarness(dir.Path, typeof(PinnedPipeline), typeof(GpuPipeline)).Load().SelectMany(p => p.Stages).ToList();

        var pinned = stages.Single(s => s.Id == "Pinned.Tune").Definition.Feature<GpuRequirement>()!;
        var counted = stages.Single(s => s.Id == "Gpu.Train").Definition.Feature<GpuRequirement>()!;

        Assert.Equal(["0", "3"], pinned.DeviceIds);
        Assert.Equal(2, counted.Count);
        Assert.Empty(counted.DeviceIds);
    }

    [Fact]
    public void ContainerTimeoutBecomesTheStageLimitWithRoomForTheImage()
    {
        using var dir = new TempDir();
        var stage = new PipelineHarness(dir.Path, typeof(PinnedPipeline)).Load().Single().Stages.Single();

        Assert.Equal(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(15), stage.Definition.TimeoutValue);
    }

    [Fact]
    public void CpuFallbackIsPartOfTheCacheKey()
    {
        using var dir = new TempDir();
        var harness = new PipelineHarness(dir.Path, typeof(GpuPipeline));
        var strict = harness.Load().Single().Stages.Single().Definition.Feature<ContainerStage>()!.Spec.CanonicalDescription;
        harness.Parameters["allow-cpu-smoke-run"] = "true";
        var smoke = harness.Load().Single().Stages.Single().Definition.Feature<ContainerStage>()!.Spec.CanonicalDescription;

        Assert.DoesNotContain("cpuFallback", strict, StringComparison.Ordinal);
        Assert.Contains("\"cpuFallback\":true", smoke, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSpecIsADefinitionErrorNamingTheStage()
    {
        using var dir = new TempDir();

        var error = Assert.Throws<DefinitionException>(() => new PipelineHarness(dir.Path, typeof(BrokenPipeline)).Load());

        var problem = Assert.Single(error.Problems);
        Assert.Contains("Broken.Bad", problem, StringComparison.Ordinal);
        Assert.Contains("Invalid memory size 'lots'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerPathsOfUndeclaredArtifactsAreADefinitionErrorNamingThem()
    {
        using var dir = new TempDir();

        var error = Assert.Throws<DefinitionException>(() => new PipelineHarness(dir.Path, typeof(UndeclaredPathsPipeline)).Load());

        Assert.Equal(
            [
                "UndeclaredPaths.Train: the container command reads c.Input(data), but the stage does not declare .Consumes(data)",
                "UndeclaredPaths.Train: the container command writes c.Output(model), but the stage does not declare .Produces(model)",
            ],
            error.Problems);
    }

    [Fact]
    public async Task UnreachableEngineWhileKeyingIsAStageFailureSayingWhatToDo()
    {
        using var dir = new TempDir();
        var feature = new PipelineHarness(dir.Path, typeof(RetagPipeline)) { Parameters = { ["image-tag"] = "llmops-test/x:1" } }
            .Load().Single().Stages.Single().Definition.Feature<ContainerStage>()!;
        feature.Endpoint = new Uri("unix://" + Path.Combine(dir.Path, "no-engine.sock"));

        var error = await Assert.ThrowsAsync<StageFailedException>(async () => await feature.CacheKeyPartsAsync(new TestKeyContext()));

        Assert.StartsWith($"resolving the container image failed: Cannot reach the Docker engine at unix://{dir.Path}/no-engine.sock", error.Message, StringComparison.Ordinal);
        Assert.Contains("Start Docker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRunOfAnImageByTagNeverAsksTheEngineAndDefersTheDecision()
    {
        using var dir = new TempDir();
        var feature = new PipelineHarness(dir.Path, typeof(RetagPipeline)) { Parameters = { ["image-tag"] = "llmops-test/x:1" } }
            .Load().Single().Stages.Single().Definition.Feature<ContainerStage>()!;
        feature.Endpoint = new Uri("unix://" + Path.Combine(dir.Path, "no-engine.sock"));
        var keys = new TestKeyContext(isDryRun: true);

        var parts = await feature.CacheKeyPartsAsync(keys);

        Assert.Empty(keys.Resolved);
        Assert.Empty(parts.Parts);
        Assert.Contains("llmops-test/x:1 is not pinned by digest", parts.DeferredReason, StringComparison.Ordinal);
    }

    [Fact]
    public void DryRunOfAnImageByTagSaysTheDecisionIsMadeWhenTheStageRuns()
    {
        using var dir = new TempDir();

        var decision = Assert.Single(new PipelineHarness(dir.Path, typeof(RetagPipeline)) { Parameters = { ["image-tag"] = "llmops-test/x:1" } }.DryRunOf("Retag.Show"));

        Assert.Equal("run", decision.Action);
        Assert.Contains("the cache decided, when the stage runs", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DryRunOfAPinnedImageNeedsNoImage()
    {
        using var dir = new TempDir();

        var decision = Assert.Single(new PipelineHarness(dir.Path, typeof(PinnedPipeline)).DryRunOf("Pinned.Tune"));

        Assert.Equal(("run", "never run before"), (decision.Action, decision.Reason));
    }
}
