namespace LlmOps.Packaging;

/// <summary>The archive's <c>manifest.json</c>: every other entry with its size and SHA-256.</summary>
/// <param name="Name">The package's name.</param>
/// <param name="Version">The package's version, derived from its content.</param>
/// <param name="Files">Every entry of the archive but the manifest, in ordinal path order.</param>
public sealed record PackageManifest(string Name, string Version, IReadOnlyList<PackageFile> Files);

/// <summary>One file in the archive.</summary>
/// <param name="Path">Its path in the archive, with forward slashes (<c>model/intent-model.zip</c>).</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
public sealed record PackageFile(string Path, long Size, string Sha256);
