using LlmOps.Dsl;

namespace LlmOps.Emission;

/// <summary>An Azure Pipelines pipeline, written to <c>azure-pipelines-&lt;name&gt;.yml</c> (or <c>azure-pipelines.yml</c>).</summary>
public sealed class AzurePipeline : WorkflowDefinition<AzurePipeline>
{
    private readonly List<(Stage Stage, AzurePool Pool)> _overrides = [];
    private readonly List<string> _promotion = [];

    internal AzurePipeline(string name)
        : base(name)
    {
    }

    /// <summary>The pool of jobs without GPU stages (default Microsoft-hosted <c>ubuntu-latest</c>).</summary>
    public AzurePool DefaultPool { get; private set; } = AzurePool.UbuntuLatest;

    /// <summary>The pool of jobs with a GPU stage (default pool <c>gpu</c>, demand <c>gpu -equals true</c>).</summary>
    public AzurePool GpuPool { get; private set; } = AzurePool.DefaultGpu;

    /// <summary>Pools set for particular stages; they win over the defaults.</summary>
    public IReadOnlyList<(Stage Stage, AzurePool Pool)> PoolOverrides => _overrides;

    /// <summary>Sets the pool of jobs without GPU stages.</summary>
    public AzurePipeline RunsOn(AzurePool pool)
    {
        DefaultPool = pool;
        return this;
    }

    /// <summary>Sets the self-hosted GPU pool and its demands.</summary>
    public AzurePipeline GpuPoolNamed(string name, params string[] demands)
    {
        GpuPool = AzurePool.SelfHostedGpu(name, demands);
        return this;
    }

    /// <summary>Runs the job of <paramref name="stage"/> in <paramref name="pool"/>.</summary>
    public AzurePipeline RunsOn(Stage stage, AzurePool pool)
    {
        _overrides.Add((stage, pool));
        return this;
    }

    /// <summary>
    /// The order deployments are promoted through (e.g. dev, staging, production); empty means the order in which the
    /// plan first deploys to each environment. Each environment's deployment stages wait for the previous one's.
    /// </summary>
    public IReadOnlyList<string> PromotionOrder => _promotion;

    /// <summary>
    /// Promotes deployments through <paramref name="environments"/> in this order: the stage deploying to one starts
    /// only after every stage deploying to the one before it succeeded. List each environment the workflow deploys to once.
    /// </summary>
    public AzurePipeline PromotesThrough(params string[] environments)
    {
        _promotion.Clear();
        _promotion.AddRange(environments);
        return this;
    }

    /// <summary>Whether pull request builds get a stage that puts the plan diff on the summary tab (<see cref="PostsPlanDiff"/>).</summary>
    public bool PostsPlanDiffSummary { get; private set; }

    /// <summary>
    /// Adds a stage to pull request builds that runs <c>./build.sh PlanDiff</c> against the target branch and uploads it
    /// to the build's summary tab (Azure has no per-job token that could comment safely from a fork). Needs
    /// <c>OnPullRequest()</c>. Declare it on one pipeline: the diff covers every pipeline.
    /// </summary>
    public AzurePipeline PostsPlanDiff()
    {
        PostsPlanDiffSummary = true;
        return this;
    }

    /// <summary>The service connection that stages using <c>UsesOidcLogin("azure")</c> run under, or null.</summary>
    public string? ServiceConnection { get; private set; }

    /// <summary>
    /// Runs the steps of stages that log in to Azure with OIDC as <c>AzureCLI@2</c> tasks on the service connection
    /// <paramref name="name"/> (an Azure Resource Manager connection with workload identity federation).
    /// </summary>
    public AzurePipeline UsesServiceConnection(string name)
    {
        ServiceConnection = name;
        return this;
    }
}
