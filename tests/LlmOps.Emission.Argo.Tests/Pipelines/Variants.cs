using LlmOps.Containers.Specs;
using LlmOps.Dsl;

namespace LlmOps.Emission.Argo.Tests.Pipelines;

/// <summary>Artifacts on a PVC instead of S3.</summary>
public sealed class PvcTrainPipeline : ArgoTrainPipeline
{
    public override IEnumerable<WorkflowDefinition> Workflows =>
    [
        ArgoWorkflows.Template("train-pvc")
            .StoresArtifactsIn(ArgoArtifactRepository.Pvc("llmops-artifacts"))
            .SharesStoreIn("llmops-store")
            .AllowsGpuTasksWithoutNodeSelector()
            .Runs(Deploy),
    ];
}

/// <summary>Artifacts in S3, results reused from a shared store.</summary>
public sealed class SharedStoreTrainPipeline : ArgoTrainPipeline
{
    public override IEnumerable<WorkflowDefinition> Workflows =>
    [
        ArgoWorkflows.Template("train-shared")
            .BuildsIn(BuildImage)
            .StoresArtifactsIn(ArgoArtifactRepository.S3("minio.storage:9000", "artifacts", "artifacts-s3"))
            .SharesStoreIn("llmops-store")
            .AllowsGpuTasksWithoutNodeSelector()
            .Runs(Deploy),
    ];
}

/// <summary>A GPU stage, and a template that requires a GPU node selector but declares none.</summary>
public sealed class NoGpuSelectorPipeline : ArgoTrainPipeline
{
    public override IEnumerable<WorkflowDefinition> Workflows =>
        [ArgoWorkflows.Template("train").StoresArtifactsIn(ArgoArtifactRepository.Pvc("claim")).Runs(Deploy)];
}

/// <summary>Artifacts travel, but no repository is declared.</summary>
public sealed class NoRepositoryPipeline : ArgoTrainPipeline
{
    public override IEnumerable<WorkflowDefinition> Workflows =>
        [ArgoWorkflows.Template("train").AllowsGpuTasksWithoutNodeSelector().Runs(Deploy)];
}

/// <summary>A trainer image by tag.</summary>
public sealed class TaggedImagePipeline : ArgoTrainPipeline
{
    public override string Image => "ghcr.io/acme/trainer:latest";
}

/// <summary>A Docker network that Kubernetes has no counterpart for.</summary>
public sealed class NamedNetworkPipeline : ArgoTrainPipeline
{
    public override ContainerNetwork Network => ContainerNetwork.Named("llmops-net");
}

/// <summary>Triggers on a template that is submitted, not triggered.</summary>
public sealed class TriggeredTemplatePipeline : ArgoTrainPipeline
{
    public override IEnumerable<WorkflowDefinition> Workflows =>
        [ArgoWorkflows.Template("train").OnPush("main").StoresArtifactsIn(ArgoArtifactRepository.Pvc("claim")).AllowsGpuTasksWithoutNodeSelector().Runs(Deploy)];
}

/// <summary>A build image by tag.</summary>
public sealed class TaggedBuildImagePipeline : ArgoTrainPipeline
{
    public override IEnumerable<WorkflowDefinition> Workflows =>
        [ArgoWorkflows.Template("train").BuildsIn("ghcr.io/acme/llmops:main").StoresArtifactsIn(ArgoArtifactRepository.Pvc("claim")).AllowsGpuTasksWithoutNodeSelector().Runs(Deploy)];
}

/// <summary>Two stages in one task, the later reading what the earlier produces, with a shared store.</summary>
public sealed class GroupedSharedStorePipeline : ArgoTrainPipeline
{
    public Artifact<DatasetArtifact> Cleaned => new("cleaned");

    public Stage Clean => _ => _
        .Description("Clean the split data")
        .Consumes(Data)
        .Produces(Cleaned)
        .Executes(ctx => File.Copy(ctx.Input(Data).File("rows.jsonl"), ctx.Output(Cleaned).File("rows.jsonl")));

    public override IEnumerable<WorkflowDefinition> Workflows =>
    [
        ArgoWorkflows.Template("train-grouped")
            .BuildsIn(BuildImage)
            .StoresArtifactsIn(ArgoArtifactRepository.S3("minio.storage:9000", "artifacts", "artifacts-s3"))
            .SharesStoreIn("llmops-store")
            .Group("data", Prepare, Clean)
            .Runs(Clean),
    ];
}

/// <summary>The trainer image given on submission, as a parameter.</summary>
public sealed class ImageParameterPipeline : ArgoTrainPipeline
{
    [Parameter("The trainer image, by digest")]
    public string TrainerImageRef { get; set; } = TrainerImage;

    public override string Image => TrainerImageRef;

    public override IEnumerable<WorkflowDefinition> Workflows =>
    [
        ArgoWorkflows.Template("train-image")
            .BuildsIn(BuildImage)
            .StoresArtifactsIn(ArgoArtifactRepository.S3("minio.storage:9000", "artifacts", "artifacts-s3"))
            .AllowsGpuTasksWithoutNodeSelector()
            .Runs(Train),
    ];
}
