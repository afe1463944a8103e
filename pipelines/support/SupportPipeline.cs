using System.Globalization;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.Deployment;
using LlmOps.Dsl;
using LlmOps.Emission;
using LlmOps.Evaluation;
using LlmOps.Pipelines.Support.Steps;

namespace LlmOps.Pipelines.Support;

/// <summary>
/// Trains the intent classifier that routes messages for a customer-support assistant, gates it on held-out
/// accuracy and macro F1 per intent and against the deployed model, packages only the model the gate blessed with a
/// manifest of hashes; Deploy serves it (a blue/green Docker deployment on 127.0.0.1:8080, or a local folder) and
/// checks governance. Training never deploys: <c>./build.sh Train</c> trains, evaluates and gates.
/// </summary>
public sealed class SupportPipeline : Pipeline, IHasWorkflows, IGateOverrides
{
    [Parameter("Training passes over the data (SDCA iterations per pass: 10)")]
    readonly int Epochs = 3;

    [Parameter("L2 regularisation of the classifier")]
    readonly double L2Regularization = 1e-4;

    [Parameter("The gate: the 95% confidence interval of held-out accuracy must lie above this (a change from 0.85 is recorded in the verdict)")]
    readonly double MinAccuracy = 0.85;

    [Parameter("Share of examples held out for evaluation")]
    readonly double EvalFraction = 0.2;

    [Parameter("Where Deploy puts the model: Docker (a serving container behind 127.0.0.1:<serving-port>, blue/green) or LocalDirectory (files in --deploy-directory)")]
    readonly DeployKind DeployTo = DeployKind.Docker;

    [Parameter("Where the LocalDirectory target puts the package (relative to the repository root)")]
    readonly string DeployDirectory = $"{StateLayout.Relative.Deployments}/support-intent";

    [Parameter("The host port the Docker target serves the model on (127.0.0.1)")]
    readonly int ServingPort = 8080;

    [Parameter("Base image of the serving container (any glibc Linux; the server is self-contained), e.g. llmops-ci/debian:bookworm without a registry")]
    readonly string ServingBaseImage = "debian:bookworm-slim";

    [Parameter("Key that signs the governance record (HMAC-SHA256); unsigned when empty"), Secret]
    readonly string GovernanceSigningKey = "";

    [Parameter("Where Train runs: InProcess (ML.NET in this process) or Container (the trainer image, needs Docker)")]
    readonly TrainLocation TrainIn = TrainLocation.InProcess;

    [Parameter("Base image of the container trainer (a build argument of pipelines/support/trainer/Dockerfile)")]
    readonly string TrainerBaseImage = "mcr.microsoft.com/dotnet/runtime-deps:10.0";

    Artifact<DatasetArtifact> Splits => new("support-splits");
    Artifact<ReportArtifact> ValidationReport => new("support-validation");
    Artifact<ModelArtifact> Model => new("intent-model");
    Artifact<EvalReportArtifact> Evaluation => new("intent-eval");
    Artifact<Blessed<ModelArtifact>> Approved => new("intent-model-approved");
    Artifact<PackageArtifact> Package => new("intent-package");
    Artifact<ReportArtifact> DeploymentRecord => new("intent-deployment");
    Artifact<ReportArtifact> GovernanceRecord => new("intent-governance");

    public override Stage Default => Evaluate;

    // The deployed files on this machine: the local folder itself, or the Docker target's mirror of the served versions.
    string DeployTarget => DeployTo == DeployKind.Docker
        ? Path.Combine(StateLayout.Of(RootDirectory).Deployments, "support-intent", "files")
        : Path.Combine(RootDirectory, DeployDirectory);

    Champion DeployedModel => Champion.Deployed(DeployTarget, "current", IntentModel.FileName);

    Stage Validate => _ => _
        .Description("Validate the shipped dataset (records, labels, PII, duplicates), split it, and check the splits for leakage")
        .Inputs("data/intents.jsonl")
        .Produces(Splits, ValidationReport)
        .Executes(ctx => DatasetChecks.ValidateAndSplit(ctx, ctx.PipelinePath("data/intents.jsonl"), ctx.Output(Splits), ctx.Output(ValidationReport), EvalFraction));

    Stage PublishTrainer => _ => _
        .Description("Publish the trainer self-contained (linux-x64) into the Docker build context of the container trainer")
        .OnlyWhenStatic(() => TrainIn == TrainLocation.Container)
        .NotCached("dotnet publish is incremental, and its output is the image's build context rather than an artifact")
        .Executes(ctx => IntentModel.PublishTrainer(ctx, IntentModel.TrainerContext(ctx.RootDirectory)));

    // Both forms read the same splits and write the same model; the container form trains in the image built from
    // pipelines/support/trainer/Dockerfile, and its cache key holds that image's ID instead of this assembly's code.
    Stage Train => _ => TrainIn == TrainLocation.Container
        ? _.Description("Train the intent classifier (ML.NET, in the trainer container)")
            .DependsOn(PublishTrainer)
            .Consumes(Splits)
            .Produces(Model)
            .Triggers(Evaluate)
            .InContainer(c => c
                .Dockerfile(
                    Path.Combine(PipelineDirectory, "trainer", "Dockerfile"),
                    new Dictionary<string, string> { ["BASE_IMAGE"] = TrainerBaseImage },
                    context: IntentModel.TrainerContext(RootDirectory))
                .Command(IntentModel.ContainerTrainerPath,
                    "--input", c.Input(Splits), "--output", c.Output(Model), "--metrics", c.MetricsFile,
                    "--epochs", Epochs.ToString(CultureInfo.InvariantCulture), "--l2", L2Regularization.ToString("R", CultureInfo.InvariantCulture))
                .Memory("2g")
                .Network(ContainerNetwork.None)
                .Timeout(TimeSpan.FromMinutes(20)))
        : _.Description("Train the intent classifier (ML.NET, in-process)")
            .Consumes(Splits)
            .Produces(Model)
            .Triggers(Evaluate) // every trained model is gated; deploying it is ./build.sh Deploy, never a side effect of training
            .Executes(ctx => IntentModel.Train(ctx, ctx.Input(Splits), ctx.Output(Model), Epochs, L2Regularization));

    // The champion is the model Deploy last switched 'current' to; the first run is a stated cold start. Only the model
    // file is hashed for the cache key, so redeploying the same model with a new verdict beside it re-runs nothing.
    Stage Evaluate => _ => _
        .Description("Gate the model: held-out accuracy and macro F1 with 95% intervals, per intent, not worse than the deployed model")
        .Evaluates(Model, on: Splits)
        .Examples(file: "eval.jsonl", input: "text", expected: "label")
        .PredictsWith(IntentModel.Predict)
        .Metrics(m => m.Accuracy().MacroF1().BySlice(x => x.Expected!))
        .Gate(g => g.AtLeast(Metric.Accuracy, () => MinAccuracy, confidence: 0.95)
                    .NotWorseThan(DeployedModel, Metric.Accuracy, margin: 0.02)
                    .NotWorseThan(DeployedModel, Metric.MacroF1, margin: 0.03)
                    .Override(From<IGateOverrides>()))
        .Produces(Evaluation)
        .Blesses(Approved);

    Stage Pack => _ => _
        .Description("Package the blessed model with its verdict and a manifest of file hashes")
        .Consumes(Approved, Evaluation)
        .Produces(Package)
        .Executes(ctx => Steps.Packaging.Pack(ctx, ctx.Input(Approved), ctx.Input(Evaluation), ctx.Output(Package)));

    // Blue/green: the new version must answer /health and these smoke cases on its own port before 127.0.0.1:8080
    // switches to it; otherwise it is removed and the old version keeps serving. The registry's 'champion' follows.
    Stage Deploy => _ => _
        .Description("Serve the package: a new version beside the old, health and smoke checks, then an atomic switch")
        .Deploys(Package)
        .Named("support-intent")
        .To(DeployTo == DeployKind.Docker
            ? Deployment.DeployTarget.Docker(o => (o.Port, o.BaseImage) = (ServingPort, ServingBaseImage))
            : Deployment.DeployTarget.LocalDirectory(DeployDirectory))
        .Smoke(s => s.Expect("where is my parcel", "shipping")
                     .Expect("I was charged twice this month", "billing")
                     .Expect("I want my money back", "refund"))
        .KeepVersions(3)
        .Promotes("champion")
        .Produces(DeploymentRecord);

    Stage Govern => _ => _
        .Description("Check that the gate passed and the deployed files match the manifest; sign the record")
        .Inputs(DeployTarget)                                       // it checks the bytes there
        .Consumes(Evaluation, Package, DeploymentRecord)
        .Produces(GovernanceRecord)
        .Executes(ctx => Steps.Governance.Check(ctx, ctx.Input(Evaluation), ctx.Input(Package), ctx.Input(DeploymentRecord), ctx.Output(GovernanceRecord), GovernanceSigningKey));

    // CI runs the same plan as ./build.sh, one job per stage; manual runs may tune training, not where it runs
    // (the job graph is emitted for in-process training). Deploy and Govern share the production job: governance
    // verifies the bytes on the deployment target, which only that job's machine has.
    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("support")
            .OnPush("main", paths: ["pipelines/support/**", "src/**"])
            .OnPullRequest(paths: ["pipelines/support/**"])
            .OnSchedule("0 3 * * 1")
            .OnManualDispatch(() => Epochs, () => L2Regularization, () => MinAccuracy, () => EvalFraction)
            .TracksExperiments()
            .Group("Release", Deploy, Govern)
            .Runs(Govern),
        AzurePipelines.Pipeline("support")
            .OnPush("main", paths: ["pipelines/support/**", "src/**"])
            .OnManualDispatch(() => Epochs, () => L2Regularization, () => MinAccuracy, () => EvalFraction)
            .TracksExperiments()
            .Group("Release", Deploy, Govern)
            .Runs(Govern),
    ];
}

/// <summary>Where the support pipeline's Train stage runs.</summary>
public enum TrainLocation
{
    /// <summary>ML.NET in the build process; needs nothing but the SDK.</summary>
    InProcess,

    /// <summary>The same training code in the trainer image, through the Docker engine.</summary>
    Container,
}

/// <summary>Where the support pipeline's Deploy stage puts the model.</summary>
public enum DeployKind
{
    /// <summary>A serving container per version behind a stable local address (blue/green).</summary>
    Docker,

    /// <summary>The package's files in a folder, with <c>current</c> naming the active version.</summary>
    LocalDirectory,
}
