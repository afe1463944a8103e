using LlmOps.Dsl;

namespace LlmOps.Emission;

/// <summary>An Azure Pipelines pipeline, written to <c>azure-pipelines-&lt;name&gt;.yml</c> (or <c>azure-pipelines.yml</c>).</summary>
public sealed class AzurePipeline : WorkflowDefinition<AzurePipeline>
{
    private readonly List<(Stage Stage, AzurePool Pool)> _overrides = [];

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
}
