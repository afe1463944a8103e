using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>What Argo cannot honour fails the emission, naming the stage, instead of being dropped.</summary>
public sealed class RefusalTests
{
    [Theory]
    [InlineData(typeof(NoGpuSelectorPipeline), "stage NoGpuSelector.Train needs GPUs, but the template declares no GPU node selector")]
    [InlineData(typeof(NoRepositoryPipeline), "declares no artifact repository")]
    [InlineData(typeof(TaggedImagePipeline), "stage TaggedImage.Train uses the image 'ghcr.io/acme/trainer:latest', which is not pinned by digest")]
    [InlineData(typeof(NamedNetworkPipeline), "stage NamedNetwork.Train joins the Docker network 'llmops-net'")]
    [InlineData(typeof(TriggeredTemplatePipeline), "is submitted (./build.sh Submit, argo submit), not triggered")]
    [InlineData(typeof(TaggedBuildImagePipeline), "is not pinned by digest (repo@sha256:<64 hex>)")]
    public void Emission_fails_naming_what_cannot_be_honoured(Type pipeline, string message)
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(pipeline));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("Argo WorkflowTemplate", error.Message, StringComparison.Ordinal);
    }
}
