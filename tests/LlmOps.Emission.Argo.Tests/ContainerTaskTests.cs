using System.Text.Json.Nodes;
using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>A container stage becomes a pod of its own image that honours every setting of its spec, or the emission fails.</summary>
public sealed class ContainerTaskTests
{
    private static readonly Lazy<string> Text = new(() => TaskGraphTests.Emitted(typeof(ArgoTrainPipeline), ".workflowtemplate.yaml"));

    [Fact]
    public void The_stage_runs_its_own_image_by_digest_with_its_command_and_environment()
    {
        var main = Container("train", "main");

        Assert.Equal(ArgoTrainPipeline.TrainerImage, (string?)main["image"]);
        var command = main["command"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Equal(["sh", "-c", "ulimit -H -l unlimited && ulimit -S -l unlimited && exec \"$0\" \"$@\"", "python", "train.py", "--epochs", "{{workflow.parameters.epochs}}"], command.Take(7));
        Assert.Contains("/llmops/inputs/data", command);
        Assert.Contains("/llmops/outputs/model", command);
        Assert.Contains(main["env"]!.AsArray(), e => (string?)e!["name"] == "MODE" && (string?)e["value"] == "sft");
    }

    [Fact]
    public void Memory_gpus_and_shared_memory_become_resources_and_a_memory_volume_written_as_strings()
    {
        var template = Template("train");
        var main = Container("train", "main");

        Assert.Equal("16Gi", (string?)main["resources"]!["limits"]!["memory"]);
        Assert.Equal("2", (string?)main["resources"]!["limits"]!["nvidia.com/gpu"]);
        var shm = template["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "dshm")!;
        Assert.Equal("Memory", (string?)shm["emptyDir"]!["medium"]);
        Assert.Equal("8Gi", (string?)shm["emptyDir"]!["sizeLimit"]);
        Assert.Contains(main["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/dev/shm");
        Assert.Contains("memory: \"16Gi\"", Text.Value, StringComparison.Ordinal);
        Assert.Contains("nvidia.com/gpu: \"2\"", Text.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gpu_task_lands_on_the_declared_gpu_nodes_with_their_tolerations()
    {
        var template = Template("train");

        Assert.Equal("true", (string?)template["nodeSelector"]!["nvidia.com/gpu.present"]);
        Assert.Equal("nvidia.com/gpu", (string?)template["tolerations"]![0]!["key"]);
        Assert.Null(Template("prepare")["nodeSelector"]);
    }

    [Fact]
    public void Secrets_come_from_secret_key_refs_and_their_values_never_appear()
    {
        var main = Container("train", "main");
        var secret = main["env"]!.AsArray().Single(e => (string?)e!["name"] == "API_KEY")!;

        Assert.Equal("llmops-secrets", (string?)secret["valueFrom"]!["secretKeyRef"]!["name"]);
        Assert.Equal("API_KEY", (string?)secret["valueFrom"]!["secretKeyRef"]!["key"]);
        Assert.DoesNotContain(ArgoTrainPipeline.SecretValue, Text.Value, StringComparison.Ordinal);
        var deploy = Template("deploy")["container"]!["env"]!.AsArray();
        Assert.Contains(deploy, e => (string?)e!["name"] == "HF_TOKEN" && e["valueFrom"] is not null);
    }

    [Fact]
    public void Retries_and_the_timeout_become_a_retry_strategy_and_an_active_deadline()
    {
        var template = Template("train");

        Assert.Equal("2", (string?)template["retryStrategy"]!["limit"]);
        Assert.Equal("asInt(lastRetry.exitCode) in [75]", (string?)template["retryStrategy"]!["expression"]);
        Assert.Equal("30s", (string?)template["retryStrategy"]!["backoff"]!["duration"]);
        Assert.Equal("7800", (string?)template["activeDeadlineSeconds"]);
    }

    [Fact]
    public void A_stage_without_network_is_labelled_for_the_network_policy_written_beside_it()
    {
        Assert.Equal("none", (string?)Template("train")["metadata"]!["labels"]!["llmops.dev/network"]);
        var policy = KubernetesYaml.Parse(TaskGraphTests.Emitted(typeof(ArgoTrainPipeline), ".networkpolicy.yaml"));
        Assert.Equal("none", (string?)policy["spec"]!["podSelector"]!["matchLabels"]!["llmops.dev/network"]);
    }

    [Fact]
    public void Inputs_are_verified_by_the_import_container_before_the_stage_and_outputs_exported_after()
    {
        var containers = Template("train")["containerSet"]!["containers"]!.AsArray();

        Assert.Equal(["import", "main", "export"], containers.Select(c => (string)c!["name"]!));
        Assert.Contains("./build.sh ArgoImport ArgoTrain.Train /llmops/import /llmops/inputs", (string?)containers[0]!["args"]![0], StringComparison.Ordinal);
        Assert.Equal("{{workflow.parameters.build-image}}", (string?)containers[0]!["image"]);
        Assert.Equal(["main"], containers[2]!["dependencies"]!.AsArray().Select(d => (string)d!));
        var export = (string?)containers[2]!["args"]![0];
        Assert.Contains("ln -s /llmops/import .llmops/import", export, StringComparison.Ordinal);
        Assert.Contains("./build.sh ArgoTrain.Train --skip --outputs-from /llmops/outputs --export /llmops/export", export, StringComparison.Ordinal);
        Assert.Contains(containers[2]!["env"]!.AsArray(), v => (string?)v!["name"] == "EPOCHS" && (string?)v["value"] == "{{workflow.parameters.epochs}}");
        Assert.Equal("{{tasks.prepare.outputs.artifacts.data}}", (string?)KubernetesYaml.Parse(Text.Value)["spec"]!["templates"]![0]!["dag"]!["tasks"]!.AsArray().Single(t => (string?)t!["name"] == "train")!["arguments"]!["artifacts"]![0]!["from"]);
    }

    [Fact]
    public void A_pvc_repository_mounts_the_runs_folder_and_copies_artifacts_through_it()
    {
        var text = TaskGraphTests.Emitted(typeof(PvcTrainPipeline), ".workflowtemplate.yaml");
        var document = KubernetesYaml.Parse(text);

        Assert.Equal("llmops-artifacts", (string?)document["spec"]!["volumes"]![0]!["persistentVolumeClaim"]!["claimName"]);
        var deploy = document["spec"]!["templates"]!.AsArray().Single(t => (string?)t!["name"] == "deploy")!;
        Assert.Equal("{{workflow.uid}}", (string?)deploy["container"]!["volumeMounts"]![0]!["subPath"]);
        Assert.Contains("cp -R /llmops-artifacts/model .llmops/import/model", (string?)deploy["container"]!["args"]![0], StringComparison.Ordinal);
        Assert.Null(deploy["inputs"]);
    }

    [Fact]
    public void A_shared_store_is_the_store_and_cache_of_every_build_task_so_cached_stages_are_reused()
    {
        var document = KubernetesYaml.Parse(TaskGraphTests.Emitted(typeof(PvcTrainPipeline), ".workflowtemplate.yaml"));
        var mounts = document["spec"]!["templates"]!.AsArray().Single(t => (string?)t!["name"] == "prepare")!["container"]!["volumeMounts"]!.AsArray();

        Assert.Equal("llmops-store", (string?)document["spec"]!["volumes"]![1]!["persistentVolumeClaim"]!["claimName"]);
        Assert.Contains(mounts, m => (string?)m!["mountPath"] == "/workspace/.llmops/store" && (string?)m["subPath"] == "store");
        Assert.Contains(mounts, m => (string?)m!["mountPath"] == "/workspace/.llmops/cache" && (string?)m["subPath"] == "cache");
    }

    private static JsonObject Template(string name) =>
        KubernetesYaml.Parse(Text.Value)["spec"]!["templates"]!.AsArray().Single(t => (string?)t!["name"] == name)!.AsObject();

    private static JsonObject Container(string template, string name) =>
        Template(template)["containerSet"]!["containers"]!.AsArray().Single(c => (string?)c!["name"] == name)!.AsObject();
}
