using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.Dsl;

namespace LlmOps.Emission.Argo.Tests.Pipelines;

/// <summary>A training stage on four nodes, with its data and model through a PVC, queued in Kueue.</summary>
public class MultiNodePipeline : Pipeline, IHasWorkflows
{
    public Artifact<DatasetArtifact> Data => new("data");
    public Artifact<ModelArtifact> Model => new("model");

    public Stage Prepare => _ => _
        .Description("Split the data")
        .Produces(Data)
        .Executes(_ => { });

    public Stage Train => _ => _
        .Description("Train on four nodes")
        .Consumes(Data)
        .Produces(Model)
        .InContainer(c => c.Image(ArgoTrainPipeline.TrainerImage)
            .Command("torchrun", "--nnodes", "$(LLMOPS_NODES)", "--node_rank", "$(LLMOPS_NODE_RANK)", "--master_addr", "$(LLMOPS_MASTER_ADDR)", "train.py", "--data", c.Input(Data), "--out", c.Output(Model))
            .Nodes(4)
            .Gpus(8)
            .Memory("512g")
            .ShmSize("64g")
            .Network(ContainerNetwork.Bridge)
            .Timeout(TimeSpan.FromHours(12)));

    public virtual IEnumerable<WorkflowDefinition> Workflows =>
    [
        ArgoWorkflows.Template("train-multi")
            .StoresArtifactsIn(ArgoArtifactRepository.Pvc("llmops-artifacts"))
            .GpuNodes(new Dictionary<string, string> { ["nvidia.com/gpu.product"] = "NVIDIA-H200" }, new NodeToleration("nvidia.com/gpu"))
            .MultiNodeAs(MultiNodeRuntime.JobSet, kueueQueue: "gpu-queue")
            .Runs(Train),
    ];
}

/// <summary>Multi-node with S3 artifacts, which its pods cannot reach.</summary>
public sealed class MultiNodeS3Pipeline : MultiNodePipeline
{
    public override IEnumerable<WorkflowDefinition> Workflows =>
    [
        ArgoWorkflows.Template("train-multi").StoresArtifactsIn(ArgoArtifactRepository.S3("minio:9000", "b", "s")).AllowsGpuTasksWithoutNodeSelector().Runs(Train),
    ];
}

/// <summary>Multi-node as a Kubeflow TrainJob.</summary>
public sealed class TrainJobPipeline : MultiNodePipeline
{
    public override IEnumerable<WorkflowDefinition> Workflows =>
    [
        ArgoWorkflows.Template("train-multi").StoresArtifactsIn(ArgoArtifactRepository.Pvc("c")).AllowsGpuTasksWithoutNodeSelector().MultiNodeAs(MultiNodeRuntime.TrainJob).Runs(Train),
    ];
}
