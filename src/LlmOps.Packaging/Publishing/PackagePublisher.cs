using LlmOps.Packaging.Oci;

namespace LlmOps.Packaging;

/// <summary>
/// Pushes a package directory to a repository of an OCI registry as an artifact (and, when asked, as a modelcar
/// image), tagged with the package version, and records the digests in the directory's <c>published.json</c>.
/// </summary>
public static class PackagePublisher
{
    /// <summary>The suffix of the modelcar image's tag: <c>&lt;version&gt;-modelcar</c>.</summary>
    public const string ModelcarTagSuffix = "-modelcar";

    /// <summary>Publishes the package in <paramref name="packageDirectory"/> to <paramref name="repository"/>.</summary>
    /// <exception cref="OciException">The registry refused a request; the message names it.</exception>
    /// <exception cref="PackageException">The package directory is incomplete or a file does not match its manifest.</exception>
    public static async Task<PackagePublication> PublishAsync(string packageDirectory, OciReference repository, OciRegistryClient client, bool modelcar, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(client);
        var contents = PackageContents.Open(packageDirectory);
        var record = contents.Record;
        var layers = new List<OciDescriptor>();
        foreach (var (file, mediaType) in OciPackageLayout.Files)
        {
            var path = Path.Combine(contents.Directory, file);
            var (layer, uploaded) = await client.PushBlobAsync(repository, path, mediaType, new Dictionary<string, string> { [OciDescriptor.TitleAnnotation] = file }, cancellationToken);
            log?.Invoke($"  {(uploaded ? "pushed " : "present")} {file} {layer.Digest} ({layer.Size} bytes)");
            layers.Add(layer);
        }

        await client.PushBlobAsync(repository, Convert.FromBase64String(OciPackageLayout.EmptyConfig.Data!), OciMediaTypes.EmptyConfig, cancellationToken);
        var tagged = repository.WithTag(record.Version);
        var digest = await client.PushManifestAsync(tagged, PackageJson.Bytes(OciPackageLayout.Manifest(record, layers)), cancellationToken);
        var publication = new PackagePublication(repository.WithDigest(digest).ToString(), record.Version, record.Digest);
        log?.Invoke($"  artifact {publication.Artifact} (tag {record.Version})");
        if (modelcar)
        {
            publication = publication with { Modelcar = (await PushModelcarAsync(contents, repository, client, log, cancellationToken)).ToString() };
        }

        AtomicFile.WriteAllBytes(Path.Combine(contents.Directory, PackageLayout.Publication), PackageJson.Bytes(publication));
        return publication;
    }

    private static async Task<OciReference> PushModelcarAsync(PackageContents contents, OciReference repository, OciRegistryClient client, Action<string>? log, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "llmops-modelcar-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var layerPath = Path.Combine(scratch, "layer.tar");
            var layerDigest = ModelcarImage.WriteLayer(contents, layerPath, Path.Combine(scratch, "files"));
            var (layer, uploaded) = await client.PushHashedBlobAsync(repository, layerPath, layerDigest, OciMediaTypes.Layer, null, cancellationToken);
            var config = await client.PushBlobAsync(repository, ModelcarImage.Config(contents.Record, layer), OciMediaTypes.ImageConfig, cancellationToken);
            var tag = contents.Version + ModelcarTagSuffix;
            var digest = await client.PushManifestAsync(repository.WithTag(tag), PackageJson.Bytes(ModelcarImage.Manifest(contents.Record, config, layer)), cancellationToken);
            log?.Invoke($"  modelcar {repository.WithDigest(digest)} (tag {tag}; layer {layer.Digest}, {(uploaded ? "pushed" : "present")})");
            return repository.WithDigest(digest);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
