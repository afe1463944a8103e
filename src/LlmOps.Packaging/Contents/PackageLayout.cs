namespace LlmOps.Packaging;

/// <summary>
/// The names of a package directory's files and of the archive's fixed entries (docs/packaging.md): what the
/// packaging stage writes and what verifiers and deployers read.
/// </summary>
public static class PackageLayout
{
    /// <summary>The reproducible archive.</summary>
    public const string Archive = "package.tar";

    /// <summary>The DSSE envelope holding the signed in-toto statement about the archive.</summary>
    public const string Provenance = "provenance.dsse.json";

    /// <summary>The package's record: name, version, digest of the archive, signing key.</summary>
    public const string Record = "package.json";

    /// <summary>Where the package was published to an OCI registry (<see cref="PackagePublication"/>), when it was.</summary>
    public const string Publication = "published.json";

    /// <summary>The archive entry listing every other entry with its size and SHA-256.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>The archive entry holding the model card.</summary>
    public const string ModelCard = "model-card.md";

    /// <summary>The archive entry holding the CycloneDX ML-BOM.</summary>
    public const string Bom = "bom.cdx.json";

    /// <summary>The archive folder holding the model's files.</summary>
    public const string ModelFolder = "model";

    /// <summary>The archive folder holding the evidence the stage consumed.</summary>
    public const string EvidenceFolder = "evidence";

    /// <summary>The DSSE payload type of an in-toto statement.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";
}
