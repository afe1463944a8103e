using LlmOps.Packaging.Oci;

namespace LlmOps.Packaging;

/// <summary>
/// Pulls a package published as an OCI artifact, by digest only: the manifest's bytes must hash to the digest asked
/// for and each layer's bytes to the digest the manifest names. What that proves is that the bytes are the ones
/// published; whether to trust them is <see cref="PackageVerifier"/>'s question, asked next.
/// </summary>
public static class PackagePuller
{
    /// <summary>Writes the package <paramref name="reference"/> names into <paramref name="directory"/> (created).</summary>
    /// <exception cref="OciException">No digest, not a package, a missing layer, or bytes that differ from their digest; the message names which.</exception>
    public static async Task<OciManifest> PullAsync(OciReference reference, string directory, OciRegistryClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(client);
        var bytes = await client.GetManifestAsync(reference, cancellationToken);
        OciManifest manifest;
        try
        {
            manifest = PackageJson.Read<OciManifest>(bytes, $"the manifest of {reference}");
        }
        catch (PackageException e)
        {
            throw new OciException(e.Message, e);
        }

        if (manifest.ArtifactType != OciMediaTypes.PackageArtifact)
        {
            throw new OciException($"{reference} is {(manifest.ArtifactType is null ? "an image, not an artifact" : $"an artifact of type {manifest.ArtifactType}")}, not an LlmOps package ({OciMediaTypes.PackageArtifact})" +
                (manifest.Annotations?.ContainsKey(OciPackageLayout.PackageDigestAnnotation) == true ? "; it looks like a modelcar image: pull the package artifact's digest from published.json" : ""));
        }

        Directory.CreateDirectory(directory);
        foreach (var (file, mediaType) in OciPackageLayout.Files)
        {
            var layer = manifest.Layers.FirstOrDefault(l => l.Title == file)
                ?? throw new OciException($"{reference} has no layer titled {file}: it is not a complete package");
            if (layer.MediaType != mediaType)
            {
                throw new OciException($"{reference}: layer {file} is {layer.MediaType}, not {mediaType}");
            }

            OciReference.CheckedDigest(layer.Digest, $"layer {file} of {reference}");
            await client.GetBlobAsync(reference, layer, Path.Combine(directory, file), cancellationToken);
        }

        return manifest;
    }
}
