using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;
using LlmOps.Pipelines.FineTune;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>Which parameters a submission can set, so build-program tasks and native container tasks see the same values.</summary>
public sealed class ParameterBindingTests
{
    [Fact]
    public void A_parameter_written_into_a_containers_command_becomes_an_argument_expression()
    {
        var document = KubernetesYaml.Parse(TaskGraphTests.Emitted(typeof(ArgoTrainPipeline), ".workflowtemplate.yaml"));
        var arguments = document["spec"]!["arguments"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();

        Assert.Contains("epochs", arguments);
        Assert.Contains("notes", arguments);
    }

    [Fact]
    public void A_parameter_that_changes_a_container_beyond_its_text_is_fixed_at_generation_and_offered_to_no_task()
    {
        var text = TaskGraphTests.Emitted(typeof(ArgoTrainPipeline), ".workflowtemplate.yaml");

        // TrainMemory sets the container's memory limit, which a template expression cannot carry into the pod.
        Assert.DoesNotContain("train-memory", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TRAIN_MEMORY", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_image_parameter_without_a_default_must_be_given_on_submission()
    {
        var workflow = KubernetesYaml.Parse(TaskGraphTests.Emitted(typeof(FineTunePipeline), ".workflow.yaml"));
        var template = KubernetesYaml.Parse(TaskGraphTests.Emitted(typeof(FineTunePipeline), ".workflowtemplate.yaml"));

        Assert.Equal(["build-image", "trainer-image"], workflow["spec"]!["arguments"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        var fineTune = template["spec"]!["templates"]!.AsArray().Single(t => (string?)t!["name"] == "fine-tune")!;
        Assert.Equal("{{workflow.parameters.trainer-image}}", (string?)fineTune["containerSet"]!["containers"]![1]!["image"]);
        // The plan-shaping profile switch and the container's memory are fixed; the GPU count follows the argument.
        Assert.DoesNotContain(template["spec"]!["arguments"]!["parameters"]!.AsArray(), p => (string?)p!["name"] is "train-on" or "train-memory");
        Assert.Equal("{{workflow.parameters.gpu-count}}", (string?)fineTune["containerSet"]!["containers"]![1]!["resources"]!["limits"]!["nvidia.com/gpu"]);
    }
}
