namespace LlmOps.Packaging;

/// <summary>The package directory's <c>package.json</c>.</summary>
/// <param name="Name">The package's name.</param>
/// <param name="Version">The package's version.</param>
/// <param name="Digest">The archive's digest, <c>sha256:&lt;hex&gt;</c>.</param>
/// <param name="KeyId">The id of the key that signed the provenance (SHA-256 of its SubjectPublicKeyInfo, hex).</param>
/// <param name="Signed">Whether the provenance carries a signature.</param>
/// <param name="DevelopmentKey">
/// Whether that key is a local development key generated on first use because no key was configured: no committed
/// public key matches it, so <c>Verify</c> and CI policy do not trust it.
/// </param>
public sealed record PackageRecord(string Name, string Version, string Digest, string KeyId, bool Signed, bool DevelopmentKey = false);
