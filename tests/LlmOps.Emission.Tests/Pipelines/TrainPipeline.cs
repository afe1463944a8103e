using LlmOps.Dsl;

namespace LlmOps.Emission.Tests.Pipelines;

public enum Precision
{
    Fp16,
    Bf16,
}

/// <summary>A small train-and-deploy pipeline with every feature the emitters act on.</summary>
public class TrainPipeline : Pipeline, IHasWorkflows
{
    [Parameter("Training passes over the data")]
    public int Epochs { get; set; } = 3;

    [Parameter("Step size")]
    public double LearningRate { get; set; } = 1e-4;

    [Parameter("Train LoRA adapters only")]
    public bool UseLora { get; set; } = true;

    [Parameter("Numeric precision")]
    public Precision Precision { get; set; } = Precision.Bf16;

    [Parameter("Free-form notes")]
    public string Notes { get; set; } = "";

    [Parameter("Hugging Face token"), Secret]
    public string HfToken { get; set; } = "hf_default_secret_value";

    public Artifact<DatasetArtifact> Splits => new("splits");
    public Artifact<ModelArtifact> Model => new("model");
    public Artifact<EvalReportArtifact> Report => new("eval-report");
    public Artifact<ReportArtifact> Record => new("deployment-record");

    public Stage Validate => _ => _
        .Description("Check and split the dataset")
        .Produces(Splits)
        .Executes(ctx => ctx.Log(Notes));

    public Stage Train => _ => _
        .Description("Fine-tune the model")
        .Consumes(Splits)
        .Produces(Model)
        .RequiresGpus(2)
        .Timeout(TimeSpan.FromMinutes(90))
        .Executes(ctx => ctx.Log($"{Epochs} {LearningRate} {UseLora} {Precision} {HfToken.Length}"));

    public Stage Evaluate => _ => _
        .Description("Measure accuracy")
        .Consumes(Model, Splits)
        .Produces(Report)
        .Executes(_ => { });

    public Stage Lint => _ => _
        .Description("Style checks, ordered before training")
        .Before(Train)
        .Executes(_ => { });

    public Stage Deploy => _ => _
        .Description("Ship it")
        .Consumes(Model, Report)
        .Produces(Record)
        .DeploysTo("production", "https://example.com/models")
        .UsesOidcLogin("azure")
        .Executes(_ => { });

    public Stage Notify => _ => _
        .Description("Tell the team")
        .TriggeredBy(Deploy)
        .AssuredAfterFailure()
        .Executes(_ => { });

    public virtual IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("train")
            .OnPush("main", paths: ["pipelines/train/**", "data/**"])
            .OnPullRequest()
            .OnSchedule("0 3 * * 1")
            .OnManualDispatch()
            .Runs(Deploy, Lint),
        AzurePipelines.Pipeline("train")
            .UsesServiceConnection("llmops-production")
            .OnPush("main")
            .OnPullRequest(["main"])
            .OnSchedule("0 3 * * 1")
            .OnManualDispatch()
            .Runs(Deploy, Lint),
    ];
}

/// <summary>The same pipeline with Validate and Lint sharing a job and custom GPU runners.</summary>
public sealed class GroupedPipeline : TrainPipeline
{
    public override string Name => "Grouped";

    public override IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("grouped").OnPush("main").Group("prepare", Validate, Lint).GpuRunnerLabels("linux", "a100").Runs(Deploy, Lint),
        AzurePipelines.Pipeline().UsesServiceConnection("llmops-production").OnPush("main").Group("prepare", Validate, Lint).GpuPoolNamed("a100-pool", "gpu -equals true", "cuda").Runs(Deploy, Lint),
    ];
}

/// <summary>A GPU stage sent to a hosted runner: an emission error.</summary>
public sealed class GpuOnHostedPipeline : TrainPipeline
{
    public override string Name => "GpuOnHosted";

    public override IEnumerable<WorkflowDefinition> Workflows =>
        [GitHubActions.Workflow("gpu-hosted").OnPush("main").RunsOn(Train, GitHubRunner.Hosted("ubuntu-latest")).Runs(Evaluate)];
}

/// <summary>The Azure flavour of <see cref="GpuOnHostedPipeline"/>.</summary>
public sealed class GpuOnHostedAzurePipeline : TrainPipeline
{
    public override string Name => "GpuOnHostedAzure";

    public override IEnumerable<WorkflowDefinition> Workflows =>
        [AzurePipelines.Pipeline("gpu-hosted").OnPush("main").RunsOn(Train, AzurePool.Hosted("ubuntu-latest")).Runs(Evaluate)];
}

/// <summary>A group that interleaves with another job: Validate and Evaluate around Train.</summary>
public sealed class CyclicGroupPipeline : TrainPipeline
{
    public override string Name => "CyclicGroup";

    public override IEnumerable<WorkflowDefinition> Workflows =>
        [GitHubActions.Workflow("cyclic").OnPush("main").Group("both", Validate, Evaluate).Runs(Evaluate)];
}
