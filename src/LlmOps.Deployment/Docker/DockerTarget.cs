using System.Diagnostics;
using LlmOps.Containers.Engine;
using LlmOps.Containers.Errors;

namespace LlmOps.Deployment;

/// <summary>
/// Blue/green on a Docker engine: the new version starts beside the old one, must answer <c>/health</c> and pass the
/// smoke evaluation on a port of its own, and only then does the router on the stable address switch to it (one
/// atomic file replacement); the old version drains and stops. On any failure the new container is removed, the router
/// still names the old one, and the deployment fails with the reason.
/// </summary>
public sealed class DockerTarget : DeployTarget
{
    /// <summary>The target's record of versions and outcomes, in the deployment's state folder.</summary>
    public const string StateFile = "docker-state.json";

    internal DockerTarget(DockerTargetOptions options) => Options = options;

    /// <summary>The settings.</summary>
    public DockerTargetOptions Options { get; }

    /// <summary>The stable address.</summary>
    public Uri Address => new($"http://{(Options.BindAddress is "0.0.0.0" ? "127.0.0.1" : Options.BindAddress)}:{Options.Port}/");

    /// <inheritdoc />
    public override string Describe() => Options.Describe();

    /// <inheritdoc />
    /// <remarks>Durable when DOCKER_HOST names an engine elsewhere; the local engine of a CI runner goes with the job.</remarks>
    public override bool IsDurable => (Options.Host ?? DockerEndpoint.Resolve()).Scheme is "tcp" or "http" or "https" or "ssh";

    /// <inheritdoc />
    public override async Task<DeploymentOutcome> DeployAsync(DeploymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = await DockerSession.OpenAsync(this, request.Name, request.StateDirectory, request.Log, cancellationToken).ConfigureAwait(false);
        using (session)
        {
            var image = Options.Image ?? await session.BuildImageAsync(request, cancellationToken).ConfigureAwait(false);
            var outcome = await session.SwitchAsync(image, request.Package.Version, "deploy", request.Smoke, request.KeepVersions, cancellationToken).ConfigureAwait(false);
            var files = await Files(request.StateDirectory).DeployAsync(request with { Smoke = [], Log = _ => { } }, cancellationToken).ConfigureAwait(false);
            return outcome with { Files = files.Files };
        }
    }

    /// <inheritdoc />
    public override async Task<DeploymentOutcome> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = await DockerSession.OpenAsync(this, request.Name, request.StateDirectory, request.Log, cancellationToken).ConfigureAwait(false);
        using (session)
        {
            var state = session.State;
            var to = request.ToVersion ?? state.PreviousOf(state.Active)
                ?? throw new DeploymentException($"{request.Name} has no version before {state.Active ?? "(none)"} to roll back to (kept: {string.Join(", ", state.History)})");
            if (!state.History.Contains(to))
            {
                throw new DeploymentException($"{request.Name} keeps no version {to} (kept: {string.Join(", ", state.History)}); nothing was changed");
            }

            var outcome = await session.SwitchAsync(Options.Image ?? DockerSession.ImageOf(request.Name, to), to, "rollback", [], int.MaxValue, cancellationToken).ConfigureAwait(false);
            var files = await Files(request.StateDirectory).RollbackAsync(request with { ToVersion = to, Log = _ => { } }, cancellationToken).ConfigureAwait(false);
            return outcome with { Files = files.Files };
        }
    }

    /// <summary>
    /// The served versions' files, mirrored beside the deployment's state as a local directory target: what the
    /// evaluation gate's champion and governance read, since a container's files are not on the build machine.
    /// </summary>
    private static LocalDirectoryTarget Files(string stateDirectory) => new(Path.Combine(stateDirectory, "files"));

    internal async Task<DockerEngine> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await DockerEngine.ConnectAsync(Options.Host ?? DockerEndpoint.Resolve(), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineUnavailableException e)
        {
            throw new DeploymentException(e.Message);
        }
    }

    internal static double Seconds(Stopwatch clock) => Math.Round(clock.Elapsed.TotalSeconds, 3);
}
