using System.Text.RegularExpressions;
using LlmOps.Containers.Engine;
using LlmOps.Containers.Errors;
using LlmOps.Containers.Running;
using LlmOps.Containers.Specs;
using LlmOps.Dsl;

namespace LlmOps.Containers.Stages;

/// <summary>
/// The stage feature attached by <see cref="ContainerStageExtensions.InContainer"/>: the container spec, and the
/// cache key parts that make a stage re-run when its container would differ. The image identity is resolved when
/// the executor computes the key, never at definition time, so loading a pipeline (<c>--help</c>, <c>--plan</c>)
/// needs no Docker engine.
/// </summary>
public sealed partial class ContainerStage : ICacheKeyContributor, IPlanAnnotation, IStageBody, IDeclarationCheck
{
    /// <summary>Key part holding <see cref="ContainerSpec.CanonicalDescription"/>; a change reads "container spec changed".</summary>
    public const string SpecKeyPart = "container spec";

    /// <summary>Key part holding the image digest; a change reads "container image changed".</summary>
    public const string ImageKeyPart = "container image";

    /// <summary>Creates the feature for <paramref name="spec"/>.</summary>
    public ContainerStage(ContainerSpec spec)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
    }

    /// <summary>How the stage's container is run.</summary>
    public ContainerSpec Spec { get; }

    /// <summary>
    /// The digest a reference pins (<c>repo@sha256:...</c>), or null for a tag or a Dockerfile build. A pinned
    /// image is immutable, so its digest is its identity without asking the engine (dry runs work offline).
    /// </summary>
    public string? PinnedDigest => Spec.Image is ImageReference reference && PinnedDigestPattern().Match(reference.Reference) is { Success: true } m
        ? m.Groups["digest"].Value
        : null;

    /// <summary>The engine to resolve images on; null for DOCKER_HOST or the default socket (tests point it elsewhere).</summary>
    internal Uri? Endpoint { get; set; }

    /// <inheritdoc />
    public string PlanAnnotation
    {
        get
        {
            var image = Spec.Image switch
            {
                ImageReference reference => reference.Reference,
                DockerfileBuild build => $"built from {Path.GetFileName(Path.GetDirectoryName(build.DockerfilePath))}/{Path.GetFileName(build.DockerfilePath)}",
                _ => Spec.Image.Describe(),
            };
            var parts = new List<string> { "container " + image };
            if (Spec.MemoryBytes is { } memory)
            {
                parts.Add($"{ByteText(memory)} memory");
            }

            if (Spec.ShmSizeBytes is { } shm)
            {
                parts.Add($"{ByteText(shm)} shm");
            }

            parts.Add("network " + Spec.Network.Mode);
            if (Spec.Timeout is { } timeout)
            {
                parts.Add($"timeout {timeout}");
            }

            if (Spec.AllowCpuFallback)
            {
                parts.Add("CPU smoke run allowed");
            }

            return string.Join(", ", parts);
        }
    }

    /// <inheritdoc />
    public string Kind => "InContainer";

    /// <summary>
    /// The spec's canonical description and the image digest: a pinned digest as written, otherwise the image ID
    /// the engine reports after pulling (per pull policy) or building the image, once per run for all stages on the
    /// same image. A retagged or rebuilt image therefore changes the key. A dry run never pulls or builds: an image
    /// that is not pinned defers the decision to the run.
    /// </summary>
    /// <exception cref="StageFailedException">The engine is unreachable, or the image cannot be pulled or built (clean message).</exception>
    public async ValueTask<CacheKeyParts> CacheKeyPartsAsync(CacheKeyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (PinnedDigest is { } pinned)
        {
            return Parts(pinned);
        }

        if (context.IsDryRun)
        {
            return Dsl.CacheKeyParts.Deferred($"the image {Spec.Image.Describe()} is not pinned by digest; it is pulled or built, and the cache decided, when the stage runs");
        }

        var imageId = await context.ResolveOnceAsync("container image " + Spec.Image.Describe() + " " + Spec.PullPolicy, ResolveImageIdAsync).ConfigureAwait(false);
        return Parts(imageId);
    }

    /// <summary>Every artifact the command names through <c>c.Input</c>/<c>c.Output</c> is one the stage consumes or produces.</summary>
    public IEnumerable<string> Check(IStageDeclaration stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        foreach (var input in Spec.ReferencedInputs.Where(a => !stage.ConsumedArtifacts.Contains(a)).Distinct())
        {
            yield return $"the container command reads c.Input({input.Name}), but the stage does not declare .Consumes({input.Name})";
        }

        foreach (var output in Spec.ReferencedOutputs.Where(a => !stage.ProducedArtifacts.Contains(a)).Distinct())
        {
            yield return $"the container command writes c.Output({output.Name}), but the stage does not declare .Produces({output.Name})";
        }
    }

    /// <inheritdoc />
    public Task RunAsync(StageContext context, IStageDeclaration stage) => ContainerStageBody.RunAsync(context, stage, this);

    private CacheKeyParts Parts(string digest) => Dsl.CacheKeyParts.Of(new(SpecKeyPart, Spec.CanonicalDescription), new(ImageKeyPart, digest));

    private async Task<string> ResolveImageIdAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var engine = await DockerEngine.ConnectAsync(Endpoint ?? DockerEndpoint.Resolve(), cancellationToken).ConfigureAwait(false);
            return await new ContainerRunner(engine).ResolveImageDigestAsync(Spec, cancellationToken).ConfigureAwait(false);
        }
        catch (ContainerStageException e)
        {
            throw new StageFailedException($"resolving the container image failed: {e.Message}");
        }
        catch (Exception e) when (ContainerStageBody.IsEngineFault(e))
        {
            throw new StageFailedException($"resolving the container image failed: the Docker engine answered with an error: {e.Message}");
        }
    }

    [GeneratedRegex("@(?<digest>sha256:[0-9a-f]{64})$")]
    private static partial Regex PinnedDigestPattern();

    private static string ByteText(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30}g" : bytes % (1L << 20) == 0 ? $"{bytes >> 20}m" : $"{bytes}b";
}
