using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using LlmOps.Containers.Images;
using LlmOps.Containers.Specs;

namespace LlmOps.Deployment;

/// <summary>
/// Builds the serving images in two layers: a runtime image (base + the published server, non-root, HEALTHCHECK by the
/// server's own probe) tagged by the hash of its inputs and built once, and per version a model image that adds only
/// the package, so a deployment uploads the model and not the runtime. Neither runs anything at build time (the
/// server's mode travels in the build context, see <see cref="ServingPublisher"/>), so a build needs no container
/// network.
/// </summary>
internal sealed class ServingImages(IDockerClient client, Action<string> log)
{
    public const string ServingDirectory = "/opt/llmops-serving";
    public const string ModelDirectory = "/srv/model";
    public const int ContainerPort = 8080;

    public async Task<string> EnsureRuntimeAsync(string publishDirectory, string baseImage, CancellationToken cancellationToken)
    {
        var dockerfile = string.Join('\n',
            "ARG BASE_IMAGE",
            "FROM ${BASE_IMAGE}",
            "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 HOME=/tmp LLMOPS_URLS=http://0.0.0.0:" + ContainerPort,
            $"COPY . {ServingDirectory}/",
            "USER 10001:10001",
            "EXPOSE " + ContainerPort,
            $"HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=3 CMD [\"{ServingDirectory}/{ServingPublisher.Executable}\", \"probe\", \"http://127.0.0.1:{ContainerPort}/health\"]",
            $"ENTRYPOINT [\"{ServingDirectory}/{ServingPublisher.Executable}\"]",
            "CMD [\"serve\"]",
            "");
        var tag = "llmops-serving-runtime:" + Hash(dockerfile, baseImage, publishDirectory);
        if (await ExistsAsync(tag, cancellationToken).ConfigureAwait(false))
        {
            return tag;
        }

        log($"building {tag} from {baseImage}");
        return await BuildAsync(publishDirectory, dockerfile, new Dictionary<string, string> { ["BASE_IMAGE"] = baseImage }, tag, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> BuildModelAsync(string runtimeImage, string deployment, DeployablePackage package, string workDirectory, CancellationToken cancellationToken)
    {
        var context = Path.Combine(workDirectory, "model-context");
        if (Directory.Exists(context))
        {
            Directory.Delete(context, recursive: true);
        }

        package.ExtractTo(context);

        // A package lays its model under model/ (the packaging contract); an older flat package is the model itself.
        var model = Directory.Exists(Path.Combine(context, "model")) ? $"{ModelDirectory}/model" : ModelDirectory;
        var dockerfile = string.Join('\n',
            $"FROM {runtimeImage}",
            $"COPY . {ModelDirectory}/",
            $"ENV LLMOPS_MODEL_DIR={model} LLMOPS_MODEL_NAME={package.Name} LLMOPS_MODEL_VERSION={package.Version}",
            $"LABEL {DeploymentLabels.Deployment}={deployment} {DeploymentLabels.Version}={package.Version}",
            "");
        var tag = $"llmops-deploy/{deployment}:{package.Version}";
        log($"building {tag}");
        try
        {
            return await BuildAsync(context, dockerfile, new Dictionary<string, string>(), tag, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    private async Task<string> BuildAsync(string context, string dockerfile, Dictionary<string, string> buildArgs, string tag, CancellationToken cancellationToken)
    {
        // The Dockerfile lives outside the context, which the build archive adds under a reserved name.
        var file = Path.Combine(Path.GetTempPath(), $"llmops-serving-{Guid.NewGuid():N}.Dockerfile");
        await File.WriteAllTextAsync(file, dockerfile, cancellationToken).ConfigureAwait(false);
        try
        {
            await new ImageProvisioner(client).BuildAsync(new DockerfileBuild(file, context, buildArgs, tag), line => log(line), cancellationToken).ConfigureAwait(false);
            return tag;
        }
        catch (LlmOps.Containers.Errors.ContainerStageException e)
        {
            throw new DeploymentException($"building the serving image {tag} failed: {e.Message}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<bool> ExistsAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            await client.Images.InspectImageAsync(reference, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    private static string Hash(string dockerfile, string baseImage, string publishDirectory)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(dockerfile + "\n" + baseImage + "\n"));
        foreach (var path in Directory.EnumerateFiles(publishDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(publishDirectory, path) + "\n" + new FileInfo(path).Length.ToString(CultureInfo.InvariantCulture) + "\n"));
            using var stream = File.OpenRead(path);
            sha.AppendData(SHA256.HashData(stream));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
