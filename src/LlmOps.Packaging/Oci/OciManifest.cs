using System.Text.Json.Serialization;

namespace LlmOps.Packaging.Oci;

/// <summary>A content descriptor (OCI image-spec v1.1): what a manifest says about a blob.</summary>
/// <param name="MediaType">The blob's media type.</param>
/// <param name="Digest">Its digest, <c>sha256:…</c>.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Annotations">Annotations, e.g. <c>org.opencontainers.image.title</c> (the file name).</param>
/// <param name="Data">The blob itself, base64, for tiny blobs (the empty config).</param>
public sealed record OciDescriptor(
    string MediaType,
    string Digest,
    long Size,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Annotations = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Data = null)
{
    /// <summary>The annotation naming a layer's file.</summary>
    public const string TitleAnnotation = "org.opencontainers.image.title";

    /// <summary>The file name a layer carries, or null.</summary>
    [JsonIgnore]
    public string? Title => Annotations?.GetValueOrDefault(TitleAnnotation);
}

/// <summary>An OCI image manifest (image-spec v1.1), as pushed and as read back.</summary>
/// <param name="SchemaVersion">Always 2.</param>
/// <param name="MediaType">Always <see cref="OciMediaTypes.ImageManifest"/>.</param>
/// <param name="ArtifactType">What the manifest is when it is not a runnable image (v1.1), or null for an image.</param>
/// <param name="Config">The config blob.</param>
/// <param name="Layers">The layers, in order.</param>
/// <param name="Annotations">Annotations of the manifest.</param>
public sealed record OciManifest(
    int SchemaVersion,
    string MediaType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ArtifactType,
    OciDescriptor Config,
    IReadOnlyList<OciDescriptor> Layers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Annotations = null);

/// <summary>The media types this library pushes and accepts.</summary>
public static class OciMediaTypes
{
    /// <summary>An OCI image manifest.</summary>
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>The empty config of an artifact (<c>{}</c>), per image-spec v1.1's guidance for artifacts.</summary>
    public const string EmptyConfig = "application/vnd.oci.empty.v1+json";

    /// <summary>A runnable image's config.</summary>
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>An uncompressed image layer (tar).</summary>
    public const string Layer = "application/vnd.oci.image.layer.v1.tar";

    /// <summary>The artifact type of an LlmOps package.</summary>
    public const string PackageArtifact = "application/vnd.llmops.package.v1";

    /// <summary>The package's reproducible archive.</summary>
    public const string PackageArchive = "application/vnd.llmops.package.archive.v1.tar";

    /// <summary>The package's record, <c>package.json</c>.</summary>
    public const string PackageRecord = "application/vnd.llmops.package.record.v1+json";

    /// <summary>A DSSE envelope (the signed in-toto statement).</summary>
    public const string DsseEnvelope = "application/vnd.dsse.envelope.v1+json";
}
