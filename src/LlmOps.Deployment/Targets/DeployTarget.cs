namespace LlmOps.Deployment;

/// <summary>
/// Where a package is deployed: <see cref="LocalDirectory"/>, <see cref="Docker"/> or <see cref="Kubernetes"/>. A target
/// switches to the new version only once it is checked, keeps earlier versions for rollback, and reports which
/// version serves after every attempt.
/// </summary>
public abstract class DeployTarget
{
    /// <summary>One line for the plan and the cache key (no secrets).</summary>
    public abstract string Describe();

    /// <summary>
    /// Whether what it deploys outlives the machine that runs the stage (a Docker host, a cluster). A local folder or
    /// the local engine on a CI runner vanishes with the job, so CI says so instead of pretending to deploy.
    /// </summary>
    public abstract bool IsDurable { get; }

    /// <summary>Files outside the store this target writes, relative to the repository root, or none.</summary>
    public virtual IReadOnlyList<string> OutputPaths => [];

    /// <summary>Folder on the local disk: the package goes into <c>&lt;directory&gt;/&lt;version&gt;/</c> and <c>current</c> names it.</summary>
    public static LocalDirectoryTarget LocalDirectory(string directory) => new(directory);

    /// <summary>A serving container per version behind a stable local address on the Docker engine (DOCKER_HOST or the local socket).</summary>
    public static DockerTarget Docker(Action<DockerTargetOptions>? configure = null)
    {
        var options = new DockerTargetOptions();
        configure?.Invoke(options);
        options.Validate();
        return new DockerTarget(options);
    }

    /// <summary>
    /// A cluster: the version rendered as a Deployment and Service (or a KServe InferenceService) serving the package's
    /// image by digest, applied through the official client when a kubeconfig is given (KUBECONFIG), rollout watched.
    /// </summary>
    public static KubernetesTarget Kubernetes(Action<KubernetesTargetOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new KubernetesTargetOptions();
        configure(options);
        options.Validate();
        return new KubernetesTarget(options);
    }

    /// <summary>Deploys; returns the outcome, throwing <see cref="DeploymentException"/> only after the target is left serving the old version.</summary>
    public abstract Task<DeploymentOutcome> DeployAsync(DeploymentRequest request, CancellationToken cancellationToken);

    /// <summary>Restores an earlier version and checks it serves.</summary>
    public abstract Task<DeploymentOutcome> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken);
}
