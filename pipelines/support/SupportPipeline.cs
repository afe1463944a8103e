using LlmOps.Dsl;
using LlmOps.Pipelines.Support.Steps;

namespace LlmOps.Pipelines.Support;

/// <summary>
/// Trains the intent classifier that routes messages for a customer-support assistant, gates it on held-out
/// accuracy, packages it with a manifest of hashes, deploys it to a local target and checks governance.
/// </summary>
public sealed class SupportPipeline : Pipeline
{
    [Parameter("Training passes over the data (SDCA iterations per pass: 10)")]
    readonly int Epochs = 3;

    [Parameter("L2 regularisation of the classifier")]
    readonly double L2Regularization = 1e-4;

    [Parameter("The gate: the 95% lower confidence bound of held-out accuracy must reach this")]
    readonly double MinAccuracy = 0.85;

    [Parameter("Share of examples held out for evaluation")]
    readonly double EvalFraction = 0.2;

    [Parameter("Where Deploy puts the package (relative to the repository root)")]
    readonly string DeployDirectory = ".llmops/deployments/support-intent";

    [Parameter("Key that signs the governance record (HMAC-SHA256); unsigned when empty"), Secret]
    readonly string GovernanceSigningKey = "";

    Artifact<DatasetArtifact> Splits => new("support-splits");
    Artifact<ReportArtifact> ValidationReport => new("support-validation");
    Artifact<ModelArtifact> Model => new("intent-model");
    Artifact<EvalReportArtifact> Evaluation => new("intent-eval");
    Artifact<PackageArtifact> Package => new("intent-package");
    Artifact<ReportArtifact> DeploymentRecord => new("intent-deployment");
    Artifact<ReportArtifact> GovernanceRecord => new("intent-governance");

    public override Stage Default => Govern;

    Stage Validate => _ => _
        .Description("Validate the shipped dataset (records, labels, PII, duplicates), split it, and check the splits for leakage")
        .Inputs("data/intents.jsonl")
        .Produces(Splits, ValidationReport)
        .Executes(ctx => DatasetChecks.ValidateAndSplit(ctx, ctx.PipelinePath("data/intents.jsonl"), ctx.Output(Splits), ctx.Output(ValidationReport), EvalFraction));

    Stage Train => _ => _
        .Description("Train the intent classifier (ML.NET, in-process)")
        .Consumes(Splits)
        .Produces(Model)
        .Triggers(Govern) // every trained model goes through evaluation, packaging, deployment and governance
        .Executes(ctx => IntentModel.Train(ctx, ctx.Input(Splits), ctx.Output(Model), Epochs, L2Regularization));

    Stage Evaluate => _ => _
        .Description("Measure held-out accuracy and per-intent F1; fail when the gate is not met")
        .Consumes(Model, Splits)
        .Produces(Evaluation)
        .Executes(ctx => Steps.Evaluation.Run(ctx, ctx.Input(Model), ctx.Input(Splits), ctx.Output(Evaluation), MinAccuracy));

    Stage Pack => _ => _
        .Description("Package the model with its metrics and a manifest of file hashes")
        .Consumes(Model, Evaluation)
        .Produces(Package)
        .Executes(ctx => Packaging.Pack(ctx, ctx.Input(Model), ctx.Input(Evaluation), ctx.Output(Package)));

    Stage Deploy => _ => _
        .Description("Deploy the package to the target directory (atomically switching 'current')")
        .Consumes(Package)
        .Produces(DeploymentRecord)
        .DeploysTo("production")
        .Executes(ctx => Deployment.Deploy(ctx, ctx.Input(Package), ctx.Output(DeploymentRecord), DeployDirectory));

    Stage Govern => _ => _
        .Description("Check that the gate passed and the deployed files match the manifest; sign the record")
        .Consumes(Evaluation, Package, DeploymentRecord)
        .Produces(GovernanceRecord)
        .Executes(ctx => Governance.Check(ctx, ctx.Input(Evaluation), ctx.Input(Package), ctx.Input(DeploymentRecord), ctx.Output(GovernanceRecord), GovernanceSigningKey));
}
