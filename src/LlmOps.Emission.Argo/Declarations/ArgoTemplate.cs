using LlmOps.Emission.Argo.Emission;

namespace LlmOps.Emission;

/// <summary>
/// An Argo Workflows <c>WorkflowTemplate</c> (and a <c>Workflow</c> that submits it) rendered from the same plan as
/// the CI workflows: one DAG task per job, <c>depends</c> from the plan. See docs/argo.md.
/// </summary>
public sealed class ArgoTemplate : PlatformWorkflow<ArgoTemplate>
{
    private readonly Dictionary<string, string> _gpuNodeSelector = new(StringComparer.Ordinal);
    private readonly List<NodeToleration> _gpuTolerations = [];

    internal ArgoTemplate(string name)
        : base(name)
    {
    }

    /// <inheritdoc />
    public override string PlatformName => "Argo WorkflowTemplate";

    /// <inheritdoc />
    public override IReadOnlyList<string> OwnedFolders => [Folder];

    /// <summary>The folder the files are written to, relative to the repository root (default <c>deploy/argo</c>).</summary>
    public string Folder { get; private set; } = "deploy/argo";

    /// <summary>The image built from the repository that runs <c>./build.sh</c> tasks, pinned by digest; null makes it a required argument.</summary>
    public string? BuildImage { get; private set; }

    /// <summary>Where that image holds the repository (its working directory for <c>./build.sh</c>).</summary>
    public string RepositoryPath { get; private set; } = "/workspace";

    /// <summary>The namespace of both documents, or null for the one they are applied to.</summary>
    public string? Namespace { get; private set; }

    /// <summary>The service account pods run as, or null for the namespace's default.</summary>
    public string? ServiceAccount { get; private set; }

    /// <summary>Where artifacts travel between tasks; required as soon as one does.</summary>
    public ArgoArtifactRepository? ArtifactRepository { get; private set; }

    /// <summary>The Kubernetes secret whose keys hold the secrets tasks receive (key = the environment variable name).</summary>
    public string SecretName { get; private set; } = "llmops-secrets";

    /// <summary>Node labels a GPU task must land on.</summary>
    public IReadOnlyDictionary<string, string> GpuNodeSelector => _gpuNodeSelector;

    /// <summary>Tolerations of GPU tasks.</summary>
    public IReadOnlyList<NodeToleration> GpuTolerations => _gpuTolerations;

    /// <summary>Whether a GPU task without a declared GPU node selector is an emission error (default true).</summary>
    public bool GpuNodeSelectorRequired { get; private set; } = true;

    /// <summary>How stages that declare several nodes are submitted (default a JobSet).</summary>
    public MultiNodeRuntime MultiNode { get; private set; } = MultiNodeRuntime.JobSet;

    /// <summary>The ReadWriteMany claim holding the LlmOps store and stage cache every build task shares, or null for none.</summary>
    public string? SharedStoreClaim { get; private set; }

    /// <summary>The Kueue local queue multi-node jobs are labelled with, or null for none.</summary>
    public string? KueueQueue { get; private set; }

    /// <summary>Writes the files under <paramref name="folder"/> (relative to the repository root).</summary>
    public ArgoTemplate InFolder(string folder)
    {
        Folder = folder.Replace('\\', '/').Trim('/');
        return this;
    }

    /// <summary>Runs <c>./build.sh</c> tasks in <paramref name="reference"/> (<c>repo@sha256:...</c>), holding the repository at <paramref name="repositoryPath"/>.</summary>
    public ArgoTemplate BuildsIn(string reference, string repositoryPath = "/workspace")
    {
        BuildImage = reference;
        RepositoryPath = repositoryPath;
        return this;
    }

    /// <summary>Puts both documents into <paramref name="name"/>.</summary>
    public ArgoTemplate InNamespace(string name)
    {
        Namespace = name;
        return this;
    }

    /// <summary>Runs pods as <paramref name="name"/> (needed for cloud logins through workload identity).</summary>
    public ArgoTemplate RunsAs(string name)
    {
        ServiceAccount = name;
        return this;
    }

    /// <summary>Moves artifacts through <paramref name="repository"/>.</summary>
    public ArgoTemplate StoresArtifactsIn(ArgoArtifactRepository repository)
    {
        ArtifactRepository = repository;
        return this;
    }

    /// <summary>Takes task secrets from the Kubernetes secret <paramref name="name"/> (default <c>llmops-secrets</c>).</summary>
    public ArgoTemplate SecretsFrom(string name)
    {
        SecretName = name;
        return this;
    }

    /// <summary>Places GPU tasks on nodes labelled <paramref name="nodeSelector"/>, tolerating <paramref name="tolerations"/>.</summary>
    public ArgoTemplate GpuNodes(IReadOnlyDictionary<string, string> nodeSelector, params NodeToleration[] tolerations)
    {
        foreach (var (key, value) in nodeSelector)
        {
            _gpuNodeSelector[key] = value;
        }

        _gpuTolerations.AddRange(tolerations);
        return this;
    }

    /// <summary>Lets GPU tasks go wherever the scheduler finds GPUs, without a node selector.</summary>
    public ArgoTemplate AllowsGpuTasksWithoutNodeSelector()
    {
        GpuNodeSelectorRequired = false;
        return this;
    }

    /// <summary>
    /// Mounts the claim <paramref name="claimName"/> (ReadWriteMany) as the <c>.llmops/store</c> and <c>.llmops/cache</c>
    /// of every <c>./build.sh</c> task, so a stage whose cache key is already there is reused instead of run, as in a
    /// local run, and the task's log says so. Container stages run natively and always run.
    /// </summary>
    public ArgoTemplate SharesStoreIn(string claimName)
    {
        SharedStoreClaim = claimName;
        return this;
    }

    /// <summary>Submits multi-node stages as <paramref name="runtime"/>, queued in Kueue's <paramref name="kueueQueue"/> when given.</summary>
    public ArgoTemplate MultiNodeAs(MultiNodeRuntime runtime, string? kueueQueue = null)
    {
        MultiNode = runtime;
        KueueQueue = kueueQueue;
        return this;
    }

    /// <inheritdoc />
    public override IReadOnlyList<GeneratedFile> Emit(WorkflowLayout layout, string rootDirectory) => ArgoEmitter.Emit(layout, this, rootDirectory);
}

/// <summary>What a multi-node stage becomes on Kubernetes.</summary>
public enum MultiNodeRuntime
{
    /// <summary>A <c>jobset.x-k8s.io/v1alpha2</c> JobSet: one indexed Job of <c>nodes</c> pods.</summary>
    JobSet,

    /// <summary>A Kubeflow Trainer <c>trainer.kubeflow.org/v1alpha1</c> TrainJob.</summary>
    TrainJob,
}
