using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using LlmOps.Containers.Errors;
using LlmOps.Containers.Specs;
using ContainerSpec = LlmOps.Containers.Specs.ContainerSpec;

namespace LlmOps.Containers.Images;

/// <summary>Makes a spec's image present on the engine (pull per policy, or build) and returns its image ID.</summary>
internal sealed class ImageProvisioner(IDockerClient client)
{
    public async Task<string> EnsureAsync(ContainerSpec spec, Action<string>? log, CancellationToken cancellationToken) => spec.Image switch
    {
        ImageReference reference => await EnsureReferenceAsync(reference.Reference, spec.PullPolicy, log, cancellationToken).ConfigureAwait(false),
        DockerfileBuild build => await BuildAsync(build, log, cancellationToken).ConfigureAwait(false),
        _ => throw new ContainerStageException($"Unsupported image source {spec.Image.GetType().Name}."),
    };

    public static string DefaultBuildTag(DockerfileBuild build)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(build.Describe()));
        return "llmops-build/stage:" + Convert.ToHexStringLower(hash)[..16];
    }

    private async Task<string> EnsureReferenceAsync(string reference, PullPolicy policy, Action<string>? log, CancellationToken cancellationToken)
    {
        var local = policy == PullPolicy.Always ? null : await TryInspectAsync(reference, cancellationToken).ConfigureAwait(false);
        if (local is not null)
        {
            return local.ID;
        }

        if (policy == PullPolicy.Never)
        {
            throw new ContainerStageException(
                $"Image '{reference}' is not present on the engine and the pull policy is Never. Pull or build it first, or use PullPolicy.Missing.");
        }

        var (repository, tag) = ImageReferenceParser.Split(reference);
        string? error = null;
        var progress = new SyncProgress<JSONMessage>(m =>
        {
            error ??= m.Error?.Message;
            if (!string.IsNullOrEmpty(m.Status) && string.IsNullOrEmpty(m.ID))
            {
                log?.Invoke($"[pull] {m.Status}");
            }
        });
        try
        {
            await client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, new AuthConfig(), progress, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            throw new ContainerStageException($"Pulling image '{reference}' failed: {ApiMessage(ex)}. Check the reference and registry access (docker login).", ex);
        }

        if (error is not null)
        {
            throw new ContainerStageException($"Pulling image '{reference}' failed: {error}. Check the reference and registry access (docker login).");
        }

        return (await TryInspectAsync(reference, cancellationToken).ConfigureAwait(false))?.ID
            ?? throw new ContainerStageException($"Image '{reference}' was pulled but the engine cannot find it afterwards.");
    }

    internal async Task<string> BuildAsync(DockerfileBuild build, Action<string>? log, CancellationToken cancellationToken)
    {
        if (!File.Exists(build.DockerfilePath))
        {
            throw new ContainerStageException($"Dockerfile '{build.DockerfilePath}' does not exist.");
        }

        if (!Directory.Exists(build.ContextDirectory))
        {
            throw new ContainerStageException($"Build context directory '{build.ContextDirectory}' does not exist.");
        }

        var tag = build.Tag ?? DefaultBuildTag(build);
        var (archive, dockerfileName) = await BuildContextArchive.CreateAsync(build.ContextDirectory, build.DockerfilePath, cancellationToken).ConfigureAwait(false);
        var output = new List<string>();
        string? error = null;
        var progress = new SyncProgress<JSONMessage>(m =>
        {
            error ??= m.Error?.Message;
            foreach (var line in (m.Stream ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                output.Add(line);
                log?.Invoke($"[build] {line}");
            }
        });
        await using (archive.ConfigureAwait(false))
        {
            try
            {
                var parameters = new ImageBuildParameters
                {
                    Dockerfile = dockerfileName,
                    Tags = [tag],
                    BuildArgs = build.BuildArgs.ToDictionary(),
                    Remove = true,
                    ForceRemove = true,
                };
                await client.Images.BuildImageFromDockerfileAsync(parameters, archive, [], new Dictionary<string, string>(), progress, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (DockerApiException ex)
            {
                throw new ContainerStageException($"Building '{build.DockerfilePath}' failed: {ApiMessage(ex)}", ex);
            }
        }

        if (error is not null)
        {
            var tail = string.Join(Environment.NewLine + "  ", output.TakeLast(10));
            throw new ContainerStageException($"Building '{build.DockerfilePath}' failed: {error}{Environment.NewLine}  {tail}");
        }

        return (await TryInspectAsync(tag, cancellationToken).ConfigureAwait(false))?.ID
            ?? throw new ContainerStageException($"Building '{build.DockerfilePath}' finished but image '{tag}' is missing.");
    }

    private async Task<ImageInspectResponse?> TryInspectAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Images.InspectImageAsync(reference, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    internal static string ApiMessage(DockerApiException ex)
    {
        var body = ex.ResponseBody ?? string.Empty;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("message", out var message))
            {
                return message.GetString() ?? body;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return body.Length == 0 ? ex.StatusCode.ToString() : body.Trim();
    }
}
