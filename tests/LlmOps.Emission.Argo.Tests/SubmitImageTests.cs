using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>An image given on submission reaches pods that key and commit the stage on it, so it must be a digest.</summary>
public sealed class SubmitImageTests
{
    [Fact]
    public async Task A_container_tasks_image_given_by_tag_is_refused_before_anything_is_sent()
    {
        await using var api = await FakeKubernetesApi.StartAsync();

        var (code, output) = await Submitting.RunAsync(api, typeof(ImageParameterPipeline), "ImageParameter", new() { ["trainer-image-ref"] = "ghcr.io/acme/trainer:latest" });

        Assert.Equal(2, code);
        Assert.Contains("--trainer-image-ref 'ghcr.io/acme/trainer:latest' is the image of a container task and is not pinned by digest", output, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void The_image_parameter_is_a_workflow_argument_that_the_container_task_uses()
    {
        var template = KubernetesYaml.Parse(TaskGraphTests.Emitted(typeof(ImageParameterPipeline), ".workflowtemplate.yaml"));
        var train = template["spec"]!["templates"]!.AsArray().Single(t => (string?)t!["name"] == "train")!;

        Assert.Equal("{{workflow.parameters.trainer-image-ref}}", (string?)train["containerSet"]!["containers"]!.AsArray().Single(c => (string?)c!["name"] == "main")!["image"]);
    }
}
