using System.Globalization;
using LlmOps.Containers.Specs;
using LlmOps.Containers.Stages;
using LlmOps.Deployment;
using LlmOps.Dsl;
using LlmOps.Emission;
using LlmOps.Evaluation;
using LlmOps.Governance;
using LlmOps.Packaging;
using LlmOps.Pipelines.Support.Steps;

namespace LlmOps.Pipelines.Support;

/// <summary>
/// Trains the intent classifier that routes messages for a customer-support assistant, gates it on held-out
/// accuracy and macro F1 per intent and against the deployed model, packages only the model the gate
/// blessed with a model card, CycloneDX ML-BOM and signed SLSA provenance, governs it before deployment (policy,
/// approval, audit trail), serves it (a blue/green Docker deployment on 127.0.0.1:8080, or a local folder) and checks
/// after deployment that the served bytes are the governed package. Training never deploys: <c>./build.sh Train</c>
/// trains, evaluates and gates; <c>./build.sh Deploy</c> packages, governs and deploys.
/// </summary>
public sealed class SupportPipeline : Pipeline, IHasWorkflows, IGateOverrides, IApprovals
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

    [Parameter("PEM private key (ECDSA P-256, ./build.sh GenerateSigningKey) that signs packages; the local development key when empty"), Secret]
    readonly string PackageSigningKey = "";

    [Parameter("OCI registry/repository Pack publishes the signed package to (an artifact and a modelcar image), e.g. ghcr.io/acme/support-intent; not published when empty")]
    readonly string PackageRegistry = "";

    [Parameter("PEM private key (ECDSA P-256, ./build.sh GenerateSigningKey) that signs the governance record; the local development key, if any, when empty"), Secret]
    readonly string GovernanceSigningKey = "";

    [Parameter("Governance: the largest gap in accuracy between intents the policy allows")]
    readonly double MaxSliceGap = 0.25;

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
    Artifact<ReportArtifact> DeployedGovernanceRecord => new("intent-deployed-governance");

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
        .Description("Package the blessed model with its model card, CycloneDX ML-BOM and signed SLSA provenance")
        .Packages(Approved)
        .Named("support-intent")
        .ModelCard(c => c.IntendedUse("Route English customer-support messages to an intent queue.")
                         .Limitations("English only; trained on the shipped intents.jsonl.", "Not for decisions about people.")
                         .License("apache-2.0")
                         .Task("text-classification")
                         .Require("intended_use", "limitations", "license", "datasets"))
        .Evidence(Evaluation)
        .Datasets(Splits, license: "apache-2.0", validation: ValidationReport)
        .TrainingParameters(() => Epochs, () => L2Regularization, () => EvalFraction)
        .Framework("Microsoft.ML", "5.0.1")
        .SignedWith(() => PackageSigningKey)
        .PublishesTo(() => PackageRegistry, modelcar: true)
        .Produces(Package);

    // Blue/green: the new version must answer /health and these smoke cases on its own port before 127.0.0.1:8080
    // switches to it; otherwise it is removed and the old version keeps serving. The registry's 'champion' follows.
    Stage Deploy => _ => _
        .Description("Serve the package: a new version beside the old, health and smoke checks, then an atomic switch")
        .Consumes(GovernanceRecord)                                 // only a package governance let through
        .Triggers(GovernDeployed)                                   // and the served bytes are checked afterwards
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

    // The policy decides BEFORE Deploy, which consumes its record: a failing rule leaves the deployed model as it was.
    Stage Govern => _ => _
        .Description("Decide whether the package may be deployed: data, gate, signature, model card, licenses, fairness, provenance, approval")
        .Governs(Package)
        .Policy(p => p.DataValidated(ValidationReport).NoPiiErrors()
                      .GatePassed(Evaluation)
                      .PackageSigned()
                      .ModelCardComplete("license", "intended_use", "limitations")
                      .LicensesAllowed("apache-2.0", "mit", "cc-by-4.0", "cc0-1.0")
                      .MaxSliceGap(MaxSliceGap, Metric.Accuracy)
                      .ProvenanceComplete())
        .TrustsDevelopmentKeyOutsideCi()                           // a fresh clone deploys; CI trusts committed keys only
        .RequiresApproval("production", From<IApprovals>())
        .SignsWith(GovernanceSigningKey)
        .Records(GovernanceRecord);

    Stage GovernDeployed => _ => _
        .Description("Check that the deployed bytes are the governed, verified package")
        .Governs(Package)
        .AfterDeployment(DeploymentRecord)
        .Policy(p => p.PackageSigned())
        .TrustsDevelopmentKeyOutsideCi()
        .SignsWith(GovernanceSigningKey)
        .Records(DeployedGovernanceRecord);

    // CI runs the same plan as ./build.sh, one job per stage; manual runs may tune training, not where it runs
    // (the job graph is emitted for in-process training). Govern, Deploy and GovernDeployed share the production job:
    // its reviewers approve once, and the check after deployment reads the bytes on that job's machine.
    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("support")
            .OnPush("main", paths: ["pipelines/support/**", "src/**"])
            .OnPullRequest(paths: ["pipelines/support/**"])
            .OnSchedule("0 3 * * 1")
            .OnManualDispatch(() => Epochs, () => L2Regularization, () => MinAccuracy, () => EvalFraction)
            .TracksExperiments()
            .Group("Release", Govern, Deploy, GovernDeployed)
            .Runs(GovernDeployed),
        AzurePipelines.Pipeline("support")
            .OnPush("main", paths: ["pipelines/support/**", "src/**"])
            .OnPullRequest(paths: ["pipelines/support/**"])
            .PostsPlanDiff()
            .OnManualDispatch(() => Epochs, () => L2Regularization, () => MinAccuracy, () => EvalFraction)
            .TracksExperiments()
            .Group("Release", Govern, Deploy, GovernDeployed)
            .Runs(GovernDeployed),
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
