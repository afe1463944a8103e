using System.Globalization;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.Dsl;

namespace LlmOps.Emission.Argo.Tests.Pipelines;

/// <summary>A pipeline with every feature the Argo emitter acts on: a build-program stage, a GPU container stage, a deployment.</summary>
public class ArgoTrainPipeline : Pipeline, IHasWorkflows
{
    public const string TrainerImage = "ghcr.io/acme/trainer@sha256:1111111111111111111111111111111111111111111111111111111111111111";
    public const string BuildImage = "ghcr.io/acme/llmops@sha256:2222222222222222222222222222222222222222222222222222222222222222";
    public const string SecretValue = "argo-secret-value-never-emitted";

    [Parameter("Training passes over the data")]
    public int Epochs { get; set; } = 3;

    [Parameter("Memory of the trainer")]
    public string TrainMemory { get; set; } = "16g";

    [Parameter("Free-form notes")]
    public string Notes { get; set; } = "";

    [Parameter("Hugging Face token"), Secret]
    public string HfToken { get; set; } = "";

    public Artifact<DatasetArtifact> Data => new("data");
    public Artifact<ModelArtifact> Model => new("model");
    public Artifact<ReportArtifact> Record => new("record");

    public virtual string Image => TrainerImage;

    public virtual ContainerNetwork Network => ContainerNetwork.None;

    public Stage Prepare => _ => _
        .Description("Split the data")
        .Produces(Data)
        .Executes(ctx => File.WriteAllText(ctx.Output(Data).File("rows.jsonl"), Notes + "\n"));

    public Stage Train => _ => _
        .Description("Fine-tune on GPUs")
        .Consumes(Data)
        .Produces(Model)
        .InContainer(c => c.Image(Image)
            .Command("python", "train.py", "--epochs", Epochs.ToString(CultureInfo.InvariantCulture), "--data", c.Input(Data), "--out", c.Output(Model))
            .Gpus(2)
            .Memory(TrainMemory)
            .ShmSize("8g")
            .Ulimit("memlock", -1, -1)
            .Env("MODE", "sft")
            .SecretEnv("API_KEY", SecretValue)
            .Network(Network)
            .RetryOn([75], maxAttempts: 3, backoff: TimeSpan.FromSeconds(30))
            .Timeout(TimeSpan.FromHours(2)));

    public Stage Deploy => _ => _
        .Description("Ship it")
        .Consumes(Model)
        .Produces(Record)
        .DeploysTo("production")
        .Executes(ctx => ctx.Log(HfToken.Length.ToString(CultureInfo.InvariantCulture)));

    public Stage Notify => _ => _
        .Description("Tell the team")
        .TriggeredBy(Deploy)
        .AssuredAfterFailure()
        .Executes(_ => { });

    public virtual IEnumerable<WorkflowDefinition> Workflows =>
    [
        ArgoWorkflows.Template("train")
            .BuildsIn(BuildImage)
            .StoresArtifactsIn(ArgoArtifactRepository.S3("minio.storage:9000", "artifacts", "artifacts-s3"))
            .GpuNodes(new Dictionary<string, string> { ["nvidia.com/gpu.present"] = "true" }, new NodeToleration("nvidia.com/gpu"))
            .Runs(Deploy),
    ];
}
