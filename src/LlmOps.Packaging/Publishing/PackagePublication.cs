namespace LlmOps.Packaging;

/// <summary>
/// Where a package was published, written beside it as <c>published.json</c>: deployment and <c>Pull</c> use these
/// references by digest. It is not in the signed provenance because the artifact's manifest holds the provenance,
/// so the manifest's digest exists only after the provenance is signed.
/// </summary>
/// <param name="Artifact">The package as an OCI artifact, <c>registry/repository@sha256:…</c>.</param>
/// <param name="Tag">The tag it was pushed under (the package version); tags can move, digests cannot.</param>
/// <param name="PackageDigest">The archive's digest the artifact carries.</param>
/// <param name="Modelcar">The modelcar image (<c>/models/…</c> for KServe), <c>registry/repository@sha256:…</c>, or null.</param>
public sealed record PackagePublication(string Artifact, string Tag, string PackageDigest, string? Modelcar = null)
{
    /// <summary>Where the package in <paramref name="packageDirectory"/> was published, or null when it was not.</summary>
    /// <exception cref="PackageException"><c>published.json</c> is there but not readable.</exception>
    public static PackagePublication? Of(string packageDirectory)
    {
        var path = Path.Combine(packageDirectory, PackageLayout.Publication);
        return File.Exists(path) ? PackageJson.Read<PackagePublication>(path) : null;
    }
}
