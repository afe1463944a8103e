using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using LlmOps.Emission.Argo.Tests.Pipelines;
using LlmOps.Emission.Argo.Tests.Support;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>A stage on several nodes becomes a resource step creating a JobSet, checked against the JobSet CRD's schema.</summary>
public sealed class MultiNodeTests
{
    private static readonly Lazy<JsonObject> Template = new(() => KubernetesYaml.Parse(TaskGraphTests.Emitted(typeof(MultiNodePipeline), ".workflowtemplate.yaml")));

    [Fact]
    public void The_stage_is_a_resource_step_that_waits_for_the_jobsets_terminal_state_then_exports()
    {
        var train = Named("train");
        var launch = Named("train-launch");

        Assert.Equal(["train-launch", "train-export"], train["steps"]!.AsArray().Select(s => (string)s![0]!["template"]!));
        Assert.Equal("create", (string?)launch["resource"]!["action"]);
        Assert.Equal("status.terminalState == Completed", (string?)launch["resource"]!["successCondition"]);
        Assert.Equal("status.terminalState == Failed", (string?)launch["resource"]!["failureCondition"]);
        var export = (string?)Named("train-export")["container"]!["args"]![0];
        Assert.Contains("cp -R /llmops-artifacts/data .llmops/import/data", export, StringComparison.Ordinal);
        Assert.Contains("./build.sh MultiNode.Train --skip --outputs-from /llmops-artifacts/outputs-train --export .llmops/export", export, StringComparison.Ordinal);
        Assert.Contains("mv /llmops-artifacts/model.tmp /llmops-artifacts/model", export, StringComparison.Ordinal);
    }

    [Fact]
    public void The_jobset_runs_one_pod_per_node_on_gpu_nodes_queued_in_kueue()
    {
        var jobSet = Manifest();
        var job = jobSet["spec"]!["replicatedJobs"]![0]!["template"]!["spec"]!;
        var pod = job["template"]!["spec"]!;
        var trainer = pod["containers"]![0]!;

        Assert.Equal("gpu-queue", (string?)jobSet["metadata"]!["labels"]!["kueue.x-k8s.io/queue-name"]);
        Assert.Equal(4L, (long)job["parallelism"]!);
        Assert.Equal("Indexed", (string?)job["completionMode"]);
        Assert.Equal("8", (string?)trainer["resources"]!["limits"]!["nvidia.com/gpu"]);
        Assert.Equal("512Gi", (string?)trainer["resources"]!["limits"]!["memory"]);
        Assert.Equal("NVIDIA-H200", (string?)pod["nodeSelector"]!["nvidia.com/gpu.product"]);
        Assert.Contains(trainer["env"]!.AsArray(), e => (string?)e!["name"] == "LLMOPS_NODE_RANK" && e["valueFrom"] is not null);
        Assert.Equal("{{workflow.name}}", (string?)job["template"]!["metadata"]!["labels"]!["llmops.dev/workflow"]);
        Assert.Equal("train", (string?)job["template"]!["metadata"]!["labels"]!["llmops.dev/task"]);
        Assert.Contains("ArgoImport MultiNode.Train /llmops-artifacts /llmops/inputs", (string?)pod["initContainers"]![0]!["args"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_jobset_matches_the_crds_schema_with_unknown_fields_rejected()
    {
        var results = CrdSchema.Value.Evaluate(JsonDocument.Parse(Manifest().ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(10).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Fact]
    public void The_crd_schema_rejects_a_misspelt_jobset_field()
    {
        var manifest = Manifest();
        manifest["spec"]!["replicatedJobs"]![0]!["replica"] = 1;

        Assert.False(CrdSchema.Value.Evaluate(JsonDocument.Parse(manifest.ToJsonString()).RootElement).IsValid);
    }

    [Theory]
    [InlineData(typeof(MultiNodeS3Pipeline), "its pods belong to a JobSet, not to Argo")]
    [InlineData(typeof(TrainJobPipeline), "cannot pick a condition by type")]
    public void What_a_multi_node_step_cannot_honour_fails_the_emission(Type pipeline, string message)
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(pipeline));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(".Train runs on 4 nodes", error.Message, StringComparison.Ordinal);
    }

    private static readonly Lazy<JsonSchema> CrdSchema = new(() =>
    {
        var crd = KubernetesYaml.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "jobset.x-k8s.io_jobsets.yaml")));
        var version = crd["spec"]!["versions"]!.AsArray().Single(v => (string?)v!["name"] == "v1alpha2")!;
        var schema = version["schema"]!["openAPIV3Schema"]!.DeepClone();
        Close(schema);
        return JsonSchema.FromText(schema.ToJsonString());
    });

    private static JsonObject Named(string name) =>
        Template.Value["spec"]!["templates"]!.AsArray().Single(t => (string?)t!["name"] == name)!.AsObject();

    private static JsonObject Manifest() => KubernetesYaml.Parse((string)Named("train-launch")["resource"]!["manifest"]!);

    // The API server prunes fields a structural schema does not name (unless x-kubernetes-preserve-unknown-fields), so
    // an unknown field would vanish silently: close every object that lists its properties. The x-kubernetes-*
    // keywords and OpenAPI's nullable are not JSON Schema 2020-12 keywords.
    private static void Close(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            if (obj["properties"] is JsonObject && obj["additionalProperties"] is null && obj["x-kubernetes-preserve-unknown-fields"] is null)
            {
                obj["additionalProperties"] = false;
            }

            foreach (var key in obj.Select(kv => kv.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal) || k == "nullable").ToList())
            {
                obj.Remove(key);
            }

            foreach (var (key, child) in obj.ToList())
            {
                if (child is not null && key != "enum" && key != "default" && key != "example")
                {
                    Close(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>())
            {
                Close(child);
            }
        }
    }
}
