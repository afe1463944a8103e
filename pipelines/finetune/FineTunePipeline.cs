using System.Globalization;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.DataValidation;
using LlmOps.Deployment;
using LlmOps.Dsl;
using LlmOps.Emission;
using LlmOps.Evaluation;
using LlmOps.Governance;
using LlmOps.Packaging;
using LlmOps.Pipelines.FineTune.Steps;

namespace LlmOps.Pipelines.FineTune;

/// <summary>
/// A language model through training, its gate, packaging, governance and serving: check the chat data, get a base
/// model, LoRA-tune it on the support conversations, export the merged model to ONNX and gate it on the trainer's eval
/// loss and on generated answers; then package the blessed model (model card, ML-BOM, signed provenance), govern it
/// before deployment, and serve it with an OpenAI-compatible <c>/v1/chat/completions</c> (a blue/green Docker
/// deployment on 127.0.0.1:8090). <c>./build.sh FineTune.Evaluate</c> trains and gates; <c>./build.sh FineTune.Deploy</c> also
/// serves. <c>--profile cpu</c> (.nuke/parameters.cpu.json) pretrains a small transformer on 2 cores in the image built
/// from trainer/Dockerfile; the default profile fetches a Hugging Face model at a pinned revision and trains on GPUs with
/// torchrun in the image given by digest. The trainer's contract: inputs under /llmops/inputs/&lt;artifact&gt;,
/// outputs under /llmops/outputs/&lt;artifact&gt;, metrics appended to /llmops/outputs/metrics.jsonl (docs/containers.md).
/// </summary>
public sealed class FineTunePipeline : Pipeline, IHasWorkflows, IGateOverrides, IApprovals
{
    [Parameter("Where training runs: Gpu (a Hugging Face model, GPUs, the image --trainer-image) or Cpu (a small model pretrained here, the image built from trainer/Dockerfile)")]
    readonly TrainingHardware TrainOn = TrainingHardware.Gpu;

    [Parameter("The GPU trainer image, pinned by digest (repo@sha256:...), built from trainer/Dockerfile.gpu and pushed; required on GPUs")]
    readonly string TrainerImage = "";

    [Parameter("Base image of the CPU trainer image (the BASE_IMAGE build argument of trainer/Dockerfile)")]
    readonly string TrainerBaseImage = "debian:bookworm-slim";

    [Parameter("Hugging Face model id of the GPU profile's base model")]
    readonly string BaseModel = "Qwen/Qwen2.5-0.5B-Instruct";

    [Parameter("Commit of the base model on the Hugging Face hub (40 hex digits), so every run fine-tunes the same weights")]
    readonly string BaseModelRevision = "7ae557604adf67be50417f59c2c2f167def9a775";

    [Parameter("Hugging Face token for gated base models; passed to the fetch container as the secret env HF_TOKEN"), Secret]
    readonly string HfToken = "";

    [Parameter("GPUs for fine-tuning: one torchrun process per GPU")]
    readonly int GpuCount = 1;

    [Parameter("Memory limit of the fine-tuning container")]
    readonly string TrainMemory = "64g";

    [Parameter("Vocabulary size of the CPU profile's byte-level BPE tokenizer")]
    readonly int VocabSize = 768;

    [Parameter("Pretraining steps of the CPU profile's base model")]
    readonly int PretrainSteps = 300;

    [Parameter("Width of the CPU profile's base model")]
    readonly int ModelDim = 128;

    [Parameter("Transformer blocks of the CPU profile's base model")]
    readonly int ModelLayers = 4;

    [Parameter("Fine-tuning epochs")]
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

    [Parameter("The gate: the perplexity of the tuned model on the held-out replies must be at most this")]
    readonly double MaxPerplexity = 4.5;

    [Parameter("Longest generated answer (tokens) when the gate asks the exported model")]
    readonly int MaxAnswerTokens = 48;

    [Parameter("Run the GPU stages on CPU when the Docker engine has no GPU runtime (a loud smoke run, never a real one)")]
    readonly bool AllowCpuSmokeRun = false;

    [Parameter("The host port the Docker target serves the chat model on (127.0.0.1); the support model has 8080")]
    readonly int ServingPort = 8090;

    [Parameter("The deployment's name: its containers, network and state folder (llmops-deploy-<name>-...)")]
    readonly string ServingName = "support-sft";

    [Parameter("Base image of the serving container (any glibc Linux; the server is self-contained), e.g. llmops-ci/debian:bookworm without a registry")]
    readonly string ServingBaseImage = "debian:bookworm-slim";

    [Parameter("An llmops-serving already published for linux-x64 (self-contained) to put in the serving image; empty publishes src/LlmOps.Serving")]
    readonly string ServingPublishDirectory = "";

    [Parameter("The smoke check: a regular expression the served model's greedy answer to the password question must match")]
    readonly string SmokeAnswerPattern = "(?i)password";

    [Parameter("PEM private key (ECDSA P-256, ./build.sh GenerateSigningKey) that signs packages; the local development key when empty"), Secret]
    readonly string PackageSigningKey = "";

    [Parameter("PEM private key (ECDSA P-256, ./build.sh GenerateSigningKey) that signs the governance record; the local development key, if any, when empty"), Secret]
    readonly string GovernanceSigningKey = "";

    Artifact<DatasetArtifact> TrainSet => new("sft-train");
    Artifact<DatasetArtifact> EvalSet => new("sft-eval-set");
    Artifact<DatasetArtifact> EvalPrompts => new("sft-eval-prompts");
    Artifact<ReportArtifact> ValidationReport => new("sft-validation");
    Artifact<ModelArtifact> TokenizerFiles => new("sft-tokenizer");
    Artifact<ModelArtifact> BaseWeights => new("sft-base-model");
    Artifact<ModelArtifact> Adapter => new("sft-adapter");
    Artifact<ModelArtifact> OnnxModel => new("sft-onnx");
    Artifact<EvalReportArtifact> Evaluation => new("sft-eval");
    Artifact<Blessed<ModelArtifact>> Approved => new("sft-onnx-approved");
    Artifact<PackageArtifact> Package => new("sft-package");
    Artifact<ReportArtifact> DeploymentRecord => new("sft-deployment");
    Artifact<ReportArtifact> GovernanceRecord => new("sft-governance");
    Artifact<ReportArtifact> DeployedGovernanceRecord => new("sft-deployed-governance");

    // The system message every training conversation starts with; the smoke check asks the served model the same way.
    const string SupportSystemPrompt = "You are Acme's support assistant. Answer briefly, politely, and only about Acme products and accounts.";

    // Training never deploys: the default trains and gates; serving is ./build.sh FineTune.Deploy.
    public override Stage Default => Evaluate;

    bool OnCpu => TrainOn == TrainingHardware.Cpu;

    Stage Prepare => _ => _
        .Description("Snapshot the shipped train and eval conversations, and the eval prompts the gate asks")
        .Inputs("data/train.jsonl", "data/eval.jsonl")
        .Produces(TrainSet, EvalSet, EvalPrompts)
        .Executes(ctx =>
        {
            File.Copy(ctx.PipelinePath("data/train.jsonl"), ctx.Output(TrainSet).File("train.jsonl"));
            File.Copy(ctx.PipelinePath("data/eval.jsonl"), ctx.Output(EvalSet).File("eval.jsonl"));
            EvalPromptFile.Write(ctx.PipelinePath("data/eval.jsonl"), ctx.Output(EvalPrompts).File(EvalPromptFile.FileName));
        });

    // Training time is spent only on data that passed: OpenAI chat format, within the context, no PII, no leakage.
    Stage Validate => _ => _
        .Description("Validate the chat data: structure, tokens, PII, duplicates and train/eval leakage")
        .Validates(TrainSet, EvalSet)
        .Format(DatasetFormat.ChatJsonl)
        .Rules(r => r.MaxTokens(MaxSequenceLength, Tokenizer.O200kBase)
                     .NoPii(PiiKind.All, Severity.Error)
                     .MaxDuplicateRate(0.01)
                     .NoLeakage(between: TrainSet, and: EvalSet))
        .Reports(ValidationReport);

    // The GPU profile uses the base model's own tokenizer; this one is the CPU profile's, and the .NET side loads the
    // same vocab.json and merges.txt (the tokenizer parity test checks they encode identically).
    Stage TrainTokenizer => _ => _
        .Description("Train a byte-level BPE tokenizer (GPT-2 style vocab.json + merges.txt) on the generated corpus")
        .OnlyWhenStatic(() => TrainOn == TrainingHardware.Cpu)
        .DependsOn(Validate)
        .Consumes(TrainSet)
        .Produces(TokenizerFiles)
        .InContainer(c => CpuTrainer(c)
            .Command("python3", "-m", "llmops_sft.tokenizer", "train",
                "--train", c.Input(TrainSet, "train.jsonl"),
                "--vocab-size", Invariant(VocabSize),
                "--output", c.Output(TokenizerFiles))
            .Timeout(TimeSpan.FromMinutes(10)));

    // The only GPU-profile stage with network access: later stages run with the network off, on exactly these weights.
    // It asks for the GPUs too, so a host without a GPU runtime stops here, before a pull or a download.
    Stage Base => _ => OnCpu
        ? _.Description("Pretrain the base model: a small causal transformer, seeded, on the generated corpus (CPU profile)")
            .DependsOn(Validate)
            .Consumes(TrainSet, TokenizerFiles)
            .Produces(BaseWeights)
            .InContainer(c => CpuTrainer(c)
                .Command("python3", "-m", "llmops_sft.pretrain",
                    "--train", c.Input(TrainSet, "train.jsonl"),
                    "--tokenizer", c.Input(TokenizerFiles),
                    "--output", c.Output(BaseWeights),
                    "--steps", Invariant(PretrainSteps),
                    "--dim", Invariant(ModelDim),
                    "--layers", Invariant(ModelLayers),
                    "--seed", "7")
                .Timeout(TimeSpan.FromHours(2)))
        : _.Description("Download the base model at its pinned revision (the only networked stage)")
            .DependsOn(Validate)
            .Produces(BaseWeights)
            .Requires(() => TrainerImage)
            .InContainer(c =>
            {
                GpuTrainer(c)
                    .Command("python", "-m", "llmops_sft.fetch", "--model", BaseModel, "--revision", PinnedReference.Revision(BaseModelRevision), "--output", c.Output(BaseWeights))
                    .Gpus(GpuCount)
                    .Memory("8g")
                    .Network(ContainerNetwork.Bridge)
                    .RetryOn([75], maxAttempts: 3, backoff: TimeSpan.FromSeconds(30))
                    .AllowCpuFallback(AllowCpuSmokeRun)
                    .Timeout(TimeSpan.FromHours(1));
                if (HfToken.Length > 0)
                {
                    c.SecretEnv("HF_TOKEN", HfToken);
                }
            });

    Stage FineTune => _ => OnCpu
        ? _.Description("LoRA SFT of the base model on the chat data (pure PyTorch on CPU), network off")
            .Consumes(TrainSet, EvalSet, BaseWeights, TokenizerFiles)
            .Produces(Adapter)
            .InContainer(c => CpuTrainer(c)
                .Command(["python3", "-m", "llmops_sft.sft",
                    "--tokenizer", c.Input(TokenizerFiles),
                    .. SftArguments(c)])
                .Timeout(FineTuneTimeout))
        : _.Description("LoRA SFT of the base model with peft on GPUs (torchrun, one process per GPU), network off")
            .Consumes(TrainSet, EvalSet, BaseWeights)
            .Produces(Adapter)
            .Requires(() => TrainerImage)
            .InContainer(c => GpuTrainer(c)
                .Command(["torchrun", "--nproc_per_node", Invariant(GpuCount), "-m", "llmops_sft.train", .. SftArguments(c)])
                .Gpus(GpuCount)
                .Memory(TrainMemory)
                .ShmSize("16g")
                .Ulimit("memlock", -1, -1)
                .Env("HF_HUB_OFFLINE", "1")
                .Env("TOKENIZERS_PARALLELISM", "false")
                .AllowCpuFallback(AllowCpuSmokeRun)
                .Timeout(FineTuneTimeout));

    Stage Export => _ => OnCpu
        ? _.Description("Merge the adapter into the base model and export it to ONNX, with PyTorch's answers to check it by")
            .Consumes(BaseWeights, Adapter, TokenizerFiles, EvalSet)
            .Produces(OnnxModel)
            .InContainer(c => CpuTrainer(c)
                .Command("python3", "-m", "llmops_sft.export",
                    "--base-model", c.Input(BaseWeights),
                    "--adapter", c.Input(Adapter),
                    "--tokenizer", c.Input(TokenizerFiles),
                    "--eval", c.Input(EvalSet, "eval.jsonl"),
                    "--output", c.Output(OnnxModel))
                .Timeout(TimeSpan.FromHours(1)))
        : _.Description("Merge the adapter into the base model and export it to ONNX, with PyTorch's answers to check it by")
            .Consumes(BaseWeights, Adapter, EvalSet)
            .Produces(OnnxModel)
            .Requires(() => TrainerImage)
            .InContainer(c => GpuTrainer(c)
                .Command("python", "-m", "llmops_sft.export_hf",
                    "--base-model", c.Input(BaseWeights),
                    "--adapter", c.Input(Adapter),
                    "--eval", c.Input(EvalSet, "eval.jsonl"),
                    "--output", c.Output(OnnxModel))
                .Memory("32g")
                .Env("HF_HUB_OFFLINE", "1")
                .Timeout(TimeSpan.FromHours(1)));

    // The trainer's eval loss (token-weighted over the held-out replies) is the gate; answers generated by the exported
    // model through ONNX Runtime give the generation metrics, so the gate judges the bytes that ship.
    Stage Evaluate => _ => _
        .Description("Gate the exported model: perplexity on held-out replies, and ROUGE-L / token F1 of its greedy answers")
        .Evaluates(OnnxModel, on: EvalPrompts)
        .Examples(file: EvalPromptFile.FileName, input: "messages", expected: "expected")
        .PredictsWith(new OnnxChatPredictor(MaxAnswerTokens))
        .PerplexityFromReport(Adapter, lossField: "eval_loss", file: "eval.json")
        .ReportedMetric(Adapter, "base_eval_loss", file: "eval.json")
        .Metrics(m => m.RougeL().TokenF1().OutputLength())
        .Gate(g => g.AtMost(Metric.Perplexity, () => MaxPerplexity)
                    .Override(From<IGateOverrides>()))
        .Produces(Evaluation)
        .Blesses(Approved);

    Stage Pack => _ =>
    {
        var pack = _.Description("Package the blessed ONNX model with its model card, CycloneDX ML-BOM and signed SLSA provenance")
            .Packages(Approved)
            .Named("support-sft")
            .ModelCard(c => c.IntendedUse("Answer English customer-support questions about Acme accounts and orders, briefly.")
                             .Limitations(OnCpu ? "A small model pretrained on 36 conversations (CPU profile): a demonstration of the pipeline, not an assistant." : "Fine-tuned on 36 support conversations; answers outside that domain are unreliable.",
                                          "English only.", "Not for decisions about people.")
                             .License("apache-2.0")
                             .Task("text-generation")
                             .Require("intended_use", "limitations", "license", "datasets"))
            .Evidence(Evaluation)
            .Datasets(TrainSet, license: "apache-2.0", validation: ValidationReport)
            .Datasets(EvalSet, license: "apache-2.0", validation: ValidationReport)
            .TrainingParameters(() => TrainOn, () => Epochs, () => LearningRate, () => LoraRank, () => LoraAlpha, () => MaxSequenceLength, () => PretrainSteps, () => ModelDim, () => ModelLayers, () => VocabSize)
            .Framework("Microsoft.ML.OnnxRuntime", "1.31.1")
            .SignedWith(() => PackageSigningKey);
        if (!OnCpu)
        {
            pack.BaseModel(BaseModel, BaseModelRevision, license: "apache-2.0");
        }

        if (!OnCpu && TrainerImage.Length > 0) // an empty one stops planning at Base, naming the parameter
        {
            pack.TrainerImage(TrainerImage);
        }

        return pack.Produces(Package);
    };

    // The policy decides BEFORE Deploy, which consumes its record: a failing rule leaves the served model as it was. A
    // GPU run deploys a model that matters, so it also needs an approval (--approve locally, the environment's reviewers
    // in CI); the CPU profile is the laptop demonstration and deploys without one.
    Stage Govern => _ =>
    {
        var govern = _.Description("Decide whether the package may be served: data, gate, signature, model card, licenses, provenance")
            .Governs(Package)
            .Policy(p => p.DataValidated(ValidationReport).NoPiiErrors()
                          .GatePassed(Evaluation)
                          .PackageSigned()
                          .ModelCardComplete("license", "intended_use", "limitations")
                          .LicensesAllowed("apache-2.0", "mit", "cc-by-4.0", "cc0-1.0")
                          .ProvenanceComplete())
            .TrustsDevelopmentKeyOutsideCi()                       // a fresh clone deploys; CI trusts committed keys only
            .SignsWith(GovernanceSigningKey);
        return (OnCpu ? govern : govern.RequiresApproval("production", From<IApprovals>())).Records(GovernanceRecord);
    };

    // Blue/green on 127.0.0.1:<serving-port>: the new version must answer /health and the smoke prompt on its own port
    // before the address switches to it; otherwise it is removed and the old version keeps serving.
    Stage Deploy => _ => _
        .Description("Serve the chat model (OpenAI-compatible /v1/chat/completions): a new version beside the old, health and smoke checks, then an atomic switch")
        .Consumes(GovernanceRecord)
        .Triggers(GovernDeployed)
        .Deploys(Package)
        .Named(ServingName)
        .To(DeployTarget.Docker(o =>
        {
            (o.Port, o.BaseImage, o.Memory) = (ServingPort, ServingBaseImage, OnCpu ? "1g" : "8g");
            o.ServingPublishDirectory = ServingPublishDirectory.Length > 0 ? ServingPublishDirectory : null;
        }))
        .Smoke(s => s.ExpectChatMatching("How do I reset my password?", SmokeAnswerPattern, system: SupportSystemPrompt, maxTokens: MaxAnswerTokens))
        .KeepVersions(3)
        .Promotes("champion")
        .Produces(DeploymentRecord);

    Stage GovernDeployed => _ => _
        .Description("Check that the served bytes are the governed, verified package")
        .Governs(Package)
        .AfterDeployment(DeploymentRecord)
        .Policy(p => p.PackageSigned())
        .TrustsDevelopmentKeyOutsideCi()
        .SignsWith(GovernanceSigningKey)
        .Records(DeployedGovernanceRecord);

    ContainerSpecBuilder CpuTrainer(ContainerSpecBuilder c) => c
        .Dockerfile(
            Path.Combine(PipelineDirectory, "trainer", "Dockerfile"),
            new Dictionary<string, string> { ["BASE_IMAGE"] = TrainerBaseImage },
            context: Path.Combine(PipelineDirectory, "trainer"))
        .Memory("4g")
        .Network(ContainerNetwork.None);

    ContainerSpecBuilder GpuTrainer(ContainerSpecBuilder c) => c
        .Image(PinnedReference.Image(TrainerImage))
        .Network(ContainerNetwork.None);

    string[] SftArguments(ContainerSpecBuilder c) =>
    [
        "--base-model", c.Input(BaseWeights),
        "--train", c.Input(TrainSet, "train.jsonl"),
        "--eval", c.Input(EvalSet, "eval.jsonl"),
        "--output", c.Output(Adapter),
        "--epochs", Invariant(Epochs),
        "--learning-rate", LearningRate.ToString("R", CultureInfo.InvariantCulture),
        "--lora-rank", Invariant(LoraRank),
        "--lora-alpha", Invariant(LoraAlpha),
        "--max-seq-len", Invariant(MaxSequenceLength),
        "--seed", "7",
    ];

    static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    // CI runs the same plan as ./build.sh, one job per stage; Govern, Deploy and GovernDeployed share one job (its
    // reviewers approve once, and the check after deployment reads the bytes on that job's machine).
    // The GPU stages land on self-hosted GPU runners (a hosted runner would be an emission error); a dispatch names the
    // trainer image's digest, which the job that built and pushed it printed.
    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("finetune")
            .OnPush("main", paths: ["pipelines/finetune/**"])
            .OnManualDispatch(() => TrainerImage, () => BaseModel, () => BaseModelRevision, () => GpuCount, () => Epochs, () => LearningRate, () => LoraRank, () => MaxPerplexity)
            .TracksExperiments()
            .GpuRunnerLabels("linux", "gpu")
            .Group("Release", Govern, Deploy, GovernDeployed)
            .Runs(GovernDeployed),
        AzurePipelines.Pipeline("finetune")
            .OnPush("main", paths: ["pipelines/finetune/**"])
            .OnManualDispatch()
            .TracksExperiments()
            .GpuPoolNamed("gpu", "gpu -equals true")
            .Group("Release", Govern, Deploy, GovernDeployed)
            .Runs(GovernDeployed),
        // On a Kubernetes GPU cluster the same plan trains, gates and packages; releasing stays with CI's approval job.
        ArgoWorkflows.Template("finetune")
            .StoresArtifactsIn(ArgoArtifactRepository.S3("minio.argo:9000", "llmops-artifacts", "llmops-artifacts-s3", insecure: true))
            .GpuNodes(new Dictionary<string, string> { ["nvidia.com/gpu.present"] = "true" }, new NodeToleration("nvidia.com/gpu"))
            .SharesStoreIn("llmops-store")
            .Runs(Pack),
    ];
}

/// <summary>Where the FineTune pipeline trains: the switch a profile sets.</summary>
public enum TrainingHardware
{
    /// <summary>A Hugging Face base model, fine-tuned with peft on GPUs in the image given by digest.</summary>
    Gpu,

    /// <summary>A small base model pretrained here, fine-tuned with pure-PyTorch LoRA on CPU in the image built from the repository.</summary>
    Cpu,
}
