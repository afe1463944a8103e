using System.Globalization;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.DataValidation;
using LlmOps.Dsl;
using LlmOps.Emission;
using LlmOps.Pipelines.FineTune.Steps;

namespace LlmOps.Pipelines.FineTune;

/// <summary>
/// LoRA supervised fine-tuning of an open chat model on the shipped support conversations: check the data, fetch
/// the base model, train and evaluate on GPUs in the pinned trainer image, then gate, package and register the adapter.
/// The trainer image's contract: inputs under /llmops/inputs/&lt;artifact&gt;, outputs under /llmops/outputs/&lt;artifact&gt;,
/// metrics appended to /llmops/outputs/metrics.jsonl (docs/containers.md).
/// </summary>
public sealed class FineTunePipeline : Pipeline, IHasWorkflows
{
    const string PinnedTrainerImage = "ghcr.io/acme/llmops-sft-trainer@sha256:afa5042ca84b0970dcbeef50977c3318dc7d4d2741c806d0868373443ddf8d5f";

    [Parameter("The trainer image, pinned by digest (repo@sha256:...) so every run trains with the same bits")]
    readonly string TrainerImage = PinnedTrainerImage;

    [Parameter("Hugging Face model id of the base model")]
    readonly string BaseModel = "Qwen/Qwen2.5-0.5B-Instruct";

    [Parameter("Revision (commit or tag) of the base model; pin a commit for reproducible runs")]
    readonly string BaseModelRevision = "main";

    [Parameter("Hugging Face token for gated base models; passed to the fetch container as the secret env HF_TOKEN"), Secret]
    readonly string HfToken = "";

    [Parameter("GPUs for the fine-tuning container")]
    readonly int GpuCount = 1;

    [Parameter("Memory limit of the fine-tuning container")]
    readonly string TrainMemory = "64g";

    [Parameter("Training epochs")]
    readonly int Epochs = 3;

    [Parameter("Peak learning rate of the LoRA parameters")]
    readonly double LearningRate = 2e-4;

    [Parameter("LoRA rank")]
    readonly int LoraRank = 16;

    [Parameter("LoRA alpha (scaling = alpha / rank)")]
    readonly int LoraAlpha = 32;

    [Parameter("Longest tokenized conversation; longer ones are truncated")]
    readonly int MaxSequenceLength = 1024;

    [Parameter("Time limit of the fine-tuning container")]
    readonly TimeSpan FineTuneTimeout = TimeSpan.FromHours(6);

    [Parameter("The gate: the eval loss of the adapter must be at most this")]
    readonly double MaxEvalLoss = 1.5;

    [Parameter("Run the GPU stages on CPU when the Docker engine has no GPU runtime (a loud smoke run, never a real one)")]
    readonly bool AllowCpuSmokeRun = false;

    [Parameter("Where Register records adapters (relative to the repository root)")]
    readonly string RegistryDirectory = StateLayout.Relative.Registry;

    Artifact<DatasetArtifact> TrainSet => new("sft-train");
    Artifact<DatasetArtifact> EvalSet => new("sft-eval-set");
    Artifact<ReportArtifact> ValidationReport => new("sft-validation");
    Artifact<ModelArtifact> BaseWeights => new("sft-base-model");
    Artifact<ModelArtifact> Adapter => new("sft-adapter");
    Artifact<EvalReportArtifact> Evaluation => new("sft-eval");
    Artifact<PackageArtifact> Package => new("sft-package");

    public override Stage Default => Register;

    Stage Prepare => _ => _
        .Description("Snapshot the shipped train and eval conversations as artifacts")
        .Inputs("data/train.jsonl", "data/eval.jsonl")
        .Produces(TrainSet, EvalSet)
        .Executes(ctx =>
        {
            File.Copy(ctx.PipelinePath("data/train.jsonl"), ctx.Output(TrainSet).File("train.jsonl"));
            File.Copy(ctx.PipelinePath("data/eval.jsonl"), ctx.Output(EvalSet).File("eval.jsonl"));
        });

    // GPU time is spent only on data that passed: OpenAI chat format, within the context, no PII, no leakage.
    Stage Validate => _ => _
        .Description("Validate the chat data: structure, tokens, PII, duplicates and train/eval leakage")
        .Validates(TrainSet, EvalSet)
        .Format(DatasetFormat.ChatJsonl)
        .Rules(r => r.MaxTokens(MaxSequenceLength, Tokenizer.O200kBase)
                     .NoPii(PiiKind.All, Severity.Error)
                     .MaxDuplicateRate(0.01)
                     .NoLeakage(between: TrainSet, and: EvalSet))
        .Reports(ValidationReport);

    // The only stage with network access: later stages run with the network off, on exactly these weights.
    Stage FetchBaseModel => _ => _
        .Description("Download the base model snapshot (the only networked stage)")
        .Produces(BaseWeights)
        .InContainer(c =>
        {
            c.Image(TrainerImage)
                .Command("python", "-m", "llmops_sft.fetch", "--model", BaseModel, "--revision", BaseModelRevision, "--output", c.Output(BaseWeights))
                .Memory("8g")
                .Network(ContainerNetwork.Bridge)
                .RetryOn([75], maxAttempts: 3, backoff: TimeSpan.FromSeconds(30))
                .Timeout(TimeSpan.FromHours(1));
            if (HfToken.Length > 0)
            {
                c.SecretEnv("HF_TOKEN", HfToken);
            }
        });

    Stage FineTune => _ => _
        .Description("LoRA SFT of the base model on GPUs in the pinned trainer image, network off")
        .DependsOn(Validate)
        .Consumes(TrainSet, EvalSet, BaseWeights)
        .Produces(Adapter)
        .InContainer(c => c
            .Image(TrainerImage)
            .Command("python", "-m", "llmops_sft.train",
                "--base-model", c.Input(BaseWeights),
                "--train", c.Input(TrainSet, "train.jsonl"),
                "--eval", c.Input(EvalSet, "eval.jsonl"),
                "--output", c.Output(Adapter),
                "--epochs", Epochs.ToString(CultureInfo.InvariantCulture),
                "--learning-rate", LearningRate.ToString("R", CultureInfo.InvariantCulture),
                "--lora-rank", LoraRank.ToString(CultureInfo.InvariantCulture),
                "--lora-alpha", LoraAlpha.ToString(CultureInfo.InvariantCulture),
                "--max-seq-len", MaxSequenceLength.ToString(CultureInfo.InvariantCulture),
                "--seed", "7")
            .Gpus(GpuCount)
            .Memory(TrainMemory)
            .ShmSize("16g")
            .Ulimit("memlock", -1, -1)
            .Env("HF_HUB_OFFLINE", "1")
            .Env("TOKENIZERS_PARALLELISM", "false")
            .Network(ContainerNetwork.None)
            .AllowCpuFallback(AllowCpuSmokeRun)
            .Timeout(FineTuneTimeout));

    Stage Evaluate => _ => _
        .Description("Eval loss and perplexity of the adapter on the held-out conversations (GPU, network off)")
        .Consumes(EvalSet, BaseWeights, Adapter)
        .Produces(Evaluation)
        .InContainer(c => c
            .Image(TrainerImage)
            .Command("python", "-m", "llmops_sft.evaluate",
                "--base-model", c.Input(BaseWeights),
                "--adapter", c.Input(Adapter),
                "--eval", c.Input(EvalSet, "eval.jsonl"),
                "--max-seq-len", MaxSequenceLength.ToString(CultureInfo.InvariantCulture),
                "--output", c.Output(Evaluation))
            .Gpus(1)
            .Memory("32g")
            .ShmSize("8g")
            .Env("HF_HUB_OFFLINE", "1")
            .Network(ContainerNetwork.None)
            .AllowCpuFallback(AllowCpuSmokeRun)
            .Timeout(TimeSpan.FromHours(1)));

    Stage Register => _ => _
        .Description("Gate on the eval loss, package the adapter with hashes and lineage, record it in the registry")
        .Consumes(Adapter, Evaluation)
        .Produces(Package)
        .Executes(ctx => Registration.Register(ctx, ctx.Input(Adapter), ctx.Input(Evaluation), ctx.Output(Package),
            new Registration.Lineage("support-sft", BaseModel, BaseModelRevision, TrainerImage), MaxEvalLoss, RegistryDirectory));

    // The GPU stages land on self-hosted GPU runners (a hosted runner would be an emission error); fetching the base
    // model needs the network and the Hugging Face token only, so it stays on a hosted runner.
    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("finetune")
            .OnPush("main", paths: ["pipelines/finetune/**"])
            .OnManualDispatch(() => BaseModel, () => BaseModelRevision, () => GpuCount, () => Epochs, () => LearningRate, () => LoraRank, () => MaxEvalLoss)
            .TracksExperiments()
            .GpuRunnerLabels("linux", "gpu")
            .Runs(Register),
        AzurePipelines.Pipeline("finetune")
            .OnPush("main", paths: ["pipelines/finetune/**"])
            .OnManualDispatch()
            .TracksExperiments()
            .GpuPoolNamed("gpu", "gpu -equals true")
            .Runs(Register),
    ];
}
