using LlmOps.Packaging.Oci;

namespace LlmOps.Packaging;

/// <summary>
/// How a package is laid out as an OCI artifact (image-spec v1.1): <c>artifactType</c>
/// <see cref="OciMediaTypes.PackageArtifact"/>, the empty config, and one layer per package file, each named by
/// <c>org.opencontainers.image.title</c> so <c>oras pull</c> writes the same package directory back.
/// </summary>
public static class OciPackageLayout
{
    /// <summary>The manifest annotation holding the archive's digest.</summary>
    public const string PackageDigestAnnotation = "dev.llmops.package.digest";

    /// <summary>The package files an artifact carries, with their media types, in layer order.</summary>
    public static IReadOnlyList<(string File, string MediaType)> Files { get; } =
    [
        (PackageLayout.Archive, OciMediaTypes.PackageArchive),
        (PackageLayout.Provenance, OciMediaTypes.DsseEnvelope),
        (PackageLayout.Record, OciMediaTypes.PackageRecord),
    ];

    /// <summary>The empty config, <c>{}</c>.</summary>
    public static OciDescriptor EmptyConfig { get; } = new(OciMediaTypes.EmptyConfig, "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", 2, Data: "e30=");

    /// <summary>The manifest of a package with these layers; no time in it, so the same package gives the same manifest.</summary>
    public static OciManifest Manifest(PackageRecord record, IReadOnlyList<OciDescriptor> layers)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(2, OciMediaTypes.ImageManifest, OciMediaTypes.PackageArtifact, EmptyConfig, layers, new Dictionary<string, string>
        {
            ["org.opencontainers.image.title"] = record.Name,
            ["org.opencontainers.image.version"] = record.Version,
            [PackageDigestAnnotation] = record.Digest,
        });
    }
}
