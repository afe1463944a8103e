using LlmOps.Core.Tests.Components.Discovered;
using LlmOps.Core.Tests.Pipelines;

namespace LlmOps.Core.Tests.Components;

/// <summary>Pipelines are found in their assembly, so a new one needs only its class.</summary>
public sealed class DiscoveryTests
{
    [Fact]
    public void Discovery_finds_every_concrete_pipeline_class_without_a_registration()
    {
        var found = PipelineDiscovery.Find(typeof(DiscoveryTests).Assembly);

        Assert.Contains(typeof(GammaPipeline), found);
        Assert.Contains(typeof(BrokenPipelineTests.ConsumerPipeline), found);
        Assert.DoesNotContain(typeof(TrainerBase), found);
        Assert.Equal(found.OrderBy(t => t.FullName, StringComparer.Ordinal), found);
    }

    [Fact]
    public void Discovery_finds_the_repository_pipelines_in_the_pipelines_assembly()
    {
        var found = PipelineDiscovery.Find(typeof(LlmOps.Pipelines.Support.SupportPipeline).Assembly);

        Assert.Equal(["FineTunePipeline", "SupportPipeline"], found.Select(t => t.Name));
    }

    [Fact]
    public void A_discovered_pipeline_runs_from_the_command_line()
    {
        using var repo = new TempRepo();
        var discovered = PipelineDiscovery.Find(typeof(DiscoveryTests).Assembly).Where(t => t.Namespace == typeof(DiscoveredPipeline).Namespace).ToArray();

        var result = repo.Run(discovered, "Hello");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([typeof(DiscoveredPipeline)], discovered);
        Assert.Equal(["Discovered.Hello"], repo.Trace());
    }
}
