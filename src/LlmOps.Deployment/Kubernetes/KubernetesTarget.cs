using System.Text.Json.Nodes;

namespace LlmOps.Deployment;

/// <summary>
/// Deploys to a Kubernetes cluster: renders the version's manifests (written as YAML, the same bytes for the same
/// input) and, when a kubeconfig is given, applies them through the official client (a server-side dry run with strict
/// field validation first), watches the rollout to ready and restores the previous spec when it is not. Without a
/// kubeconfig the manifests are the product (a GitOps tool applies them) and the record says nothing was applied.
/// </summary>
public sealed class KubernetesTarget : DeployTarget
{
    /// <summary>The target's record of versions and outcomes, in the deployment's state folder.</summary>
    public const string StateFile = "kubernetes-state.json";

    /// <summary>The rendered manifests' file name, in each version's folder and in <see cref="KubernetesTargetOptions.ManifestDirectory"/>.</summary>
    public const string ManifestFile = "manifests.yaml";

    internal KubernetesTarget(KubernetesTargetOptions options) => Options = options;

    /// <summary>The settings.</summary>
    public KubernetesTargetOptions Options { get; }

    /// <inheritdoc />
    public override string Describe() => Options.Describe();

    /// <inheritdoc />
    /// <remarks>A cluster outlives the job; without a kubeconfig nothing is applied and the record says so, which is no pretence either.</remarks>
    public override bool IsDurable => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> OutputPaths => Options.ManifestDirectory is { } directory ? [directory] : [];

    /// <summary>The manifests of <paramref name="package"/> served from <paramref name="image"/>, as the API receives them.</summary>
    public IReadOnlyList<JsonObject> Render(string name, DeployablePackage package, string image)
    {
        ArgumentNullException.ThrowIfNull(package);
        return KubernetesManifests.Render(Options, name, package.Name, package.Version, ImageReference.RequireDigest(image, "Kubernetes target: image"));
    }

    /// <summary>The manifests as the YAML this target writes.</summary>
    public static string Yaml(IReadOnlyList<JsonObject> manifests) => ManifestYaml.Write(manifests);

    /// <inheritdoc />
    public override async Task<DeploymentOutcome> DeployAsync(DeploymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var variables = request.Variables ?? RunVariables.Process.Read;
        var image = Options.Image is { } fixedImage
            ? ImageReference.RequireDigest(fixedImage, "Kubernetes target: Image")
            : ImageReference.RequireDigest(variables(Options.ImageVariable), $"Kubernetes target: the run variable {Options.ImageVariable} (set Image, or have the step that pushes the package's image set it)");
        var manifests = Render(request.Name, request.Package, image);
        using var rollout = new KubernetesRollout(this, request.Name, request.StateDirectory, request.RootDirectory, variables, request.Log);
        var outcome = await rollout.DeployAsync(manifests, request.Package.Version, "deploy", request.Smoke, request.KeepVersions, cancellationToken).ConfigureAwait(false);
        if (outcome.Status is "rendered")
        {
            return outcome;
        }

        var files = await Files(request.StateDirectory).DeployAsync(request with { Smoke = [], Log = _ => { } }, cancellationToken).ConfigureAwait(false);
        return outcome with { Files = files.Files };
    }

    /// <inheritdoc />
    public override async Task<DeploymentOutcome> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var rollout = new KubernetesRollout(this, request.Name, request.StateDirectory, request.RootDirectory, request.Variables ?? RunVariables.Process.Read, request.Log);
        var state = rollout.State;
        var to = request.ToVersion ?? state.PreviousOf(state.Active)
            ?? throw new DeploymentException($"{request.Name} has no version before {state.Active ?? "(none)"} to roll back to (kept: {string.Join(", ", state.History)})");
        var manifests = rollout.ManifestsOf(to)
            ?? throw new DeploymentException($"{request.Name} keeps no manifests of {to} (kept: {string.Join(", ", state.History)}); nothing was changed");
        var outcome = await rollout.DeployAsync(manifests, to, "rollback", [], int.MaxValue, cancellationToken).ConfigureAwait(false);
        if (outcome.Status is "rendered")
        {
            return outcome;
        }

        var files = await Files(request.StateDirectory).RollbackAsync(request with { ToVersion = to, Log = _ => { } }, cancellationToken).ConfigureAwait(false);
        return outcome with { Files = files.Files };
    }

    /// <summary>The served versions' files beside the state, as the Docker target keeps them: what the champion and governance read.</summary>
    private static LocalDirectoryTarget Files(string stateDirectory) => new(Path.Combine(stateDirectory, "files"));
}
