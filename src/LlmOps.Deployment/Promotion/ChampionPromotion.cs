using LlmOps.Tracking;
using LlmOps.Tracking.Registry;

namespace LlmOps.Deployment;

/// <summary>
/// Moves a registry alias (<c>champion</c>) to the registered version of the package that now serves, on MLflow or the
/// local registry alike. The registry numbers versions itself, so the package version each number stands for is kept
/// beside the deployment's state: a rollback from the command line moves the alias back to the right number.
/// </summary>
/// <param name="registeredModel">The registered model: the package artifact's name, under which each run registers its package.</param>
/// <param name="alias">The alias to move.</param>
public sealed class ChampionPromotion(string registeredModel, string alias = "champion") : IDeploymentObserver
{
    /// <summary>The file mapping package versions to registry versions, in the deployment's state folder.</summary>
    public const string MapFile = "registry-versions.json";

    /// <inheritdoc />
    public async Task OnServingAsync(DeploymentNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var served = notice.Outcome.Serving ?? throw new DeploymentException("nothing serves, so no version is promoted");
        var map = DeploymentJson.Read<Dictionary<string, string>>(Path.Combine(notice.StateDirectory, MapFile)) ?? [];
        if (notice.Context is { } context)
        {
            var registry = context.ModelRegistry();
            var version = await registry.FindRunVersionAsync(registeredModel, cancellationToken).ConfigureAwait(false)
                ?? throw new DeploymentException($"this run registered no version of {registeredModel} in {registry.Location} to promote");
            await Promote(registry, version, served, notice.Log, cancellationToken).ConfigureAwait(false);
            map[served] = version;
            DeploymentJson.Write(Path.Combine(notice.StateDirectory, MapFile), map);
            return;
        }

        if (!map.TryGetValue(served, out var known))
        {
            throw new DeploymentException($"{MapFile} does not say which registry version of {registeredModel} is {served}, so '{alias}' was not moved");
        }

        await using var tracker = TrackerFactory.Create(StateLayout.Of(notice.RootDirectory).Root);
        await Promote(new RunModelRegistry(tracker.Registry, tracker.Location, () => []), known, served, notice.Log, cancellationToken).ConfigureAwait(false);
    }

    private async Task Promote(IModelRegistry registry, string version, string served, Action<string> log, CancellationToken cancellationToken)
    {
        await registry.SetAliasAsync(registeredModel, alias, version, cancellationToken).ConfigureAwait(false);
        await registry.SetVersionTagAsync(registeredModel, version, "llmops.package-version", served, cancellationToken).ConfigureAwait(false);
        log($"{registeredModel} alias '{alias}' -> version {version} ({served}) in {registry.Location}");
    }
}
