using System.Text;
using System.Text.Json;

namespace LlmOps.Packaging;

/// <summary>
/// Checks a package directory without trusting anything in it: the archive's digest against <c>package.json</c> and
/// the signed statement's subject, the DSSE signature against the trusted public keys, every archive entry against
/// the manifest, and the ML-BOM against the CycloneDX 1.6 schema. Each check says in a sentence what it found.
/// </summary>
public static class PackageVerifier
{
    /// <summary>The in-toto statement type the envelope must carry.</summary>
    public const string StatementType = "https://in-toto.io/Statement/v1";

    /// <summary>The predicate type of SLSA provenance v1.</summary>
    public const string ProvenanceType = "https://slsa.dev/provenance/v1";

    /// <summary>Verifies the package in <paramref name="packageDirectory"/> against <paramref name="trustedPublicKeyPems"/>.</summary>
    public static PackageVerification Verify(string packageDirectory, IReadOnlyList<string> trustedPublicKeyPems)
    {
        ArgumentNullException.ThrowIfNull(packageDirectory);
        ArgumentNullException.ThrowIfNull(trustedPublicKeyPems);
        var directory = Path.GetFullPath(packageDirectory);
        var checks = new List<PackageCheck>();
        PackageContents contents;
        try
        {
            contents = PackageContents.Open(directory);
        }
        catch (PackageException e)
        {
            checks.Add(new("package record", false, e.Message));
            return new PackageVerification(directory, checks);
        }

        checks.Add(new("package record", true, $"{contents.Name} {contents.Version}, {contents.Files.Count} file(s) in the manifest"));
        var actual = "sha256:" + Sha256File.Of(contents.ArchivePath);
        checks.Add(actual == contents.Digest
            ? new("archive digest", true, $"{PackageLayout.Archive} is {actual}, as {PackageLayout.Record} says")
            : new("archive digest", false, $"{PackageLayout.Archive} is {actual} but {PackageLayout.Record} says {contents.Digest}: the archive was changed after packaging"));
        checks.AddRange(Provenance(contents, actual, trustedPublicKeyPems));
        checks.Add(Manifest(contents));
        checks.Add(Bom(contents));
        return new PackageVerification(directory, checks);
    }

    private static IEnumerable<PackageCheck> Provenance(PackageContents contents, string actual, IReadOnlyList<string> trusted)
    {
        DsseEnvelope envelope;
        byte[] payload;
        try
        {
            envelope = PackageJson.Read<DsseEnvelope>(contents.ProvenancePath);
            payload = envelope.PayloadBytes();
        }
        catch (PackageException e)
        {
            return [new("signature", false, e.Message)];
        }

        return [Signature(envelope, payload, trusted), Subject(contents, payload, actual)];
    }

    private static PackageCheck Signature(DsseEnvelope envelope, byte[] payload, IReadOnlyList<string> trusted)
    {
        if (envelope.PayloadType != PackageLayout.InTotoPayloadType)
        {
            return new("signature", false, $"{PackageLayout.Provenance} has payload type '{envelope.PayloadType}', not {PackageLayout.InTotoPayloadType}");
        }

        if (envelope.Signatures is not { Count: > 0 })
        {
            return new("signature", false, $"{PackageLayout.Provenance} carries no signature: the package is unsigned");
        }

        var keys = trusted.Select((pem, i) => SigningKey.FromPem(pem, $"trusted key #{i + 1}")).ToList();
        try
        {
            var pae = Dsse.PreAuthenticationEncoding(envelope.PayloadType, payload);
            foreach (var signature in envelope.Signatures)
            {
                var key = keys.FirstOrDefault(k => k.KeyId == signature.Keyid);
                if (key is null)
                {
                    continue;
                }

                byte[] der;
                try
                {
                    der = Convert.FromBase64String(signature.Sig);
                }
                catch (FormatException)
                {
                    return new("signature", false, $"the signature by key {signature.Keyid} is not base64");
                }

                return key.Verifies(pae, der)
                    ? new("signature", true, $"ECDSA P-256 signature over the DSSE encoding by trusted key {key.KeyId}")
                    : new("signature", false, $"the signature claimed by trusted key {key.KeyId} does not verify: the signature or the statement was changed");
            }

            var named = string.Join(", ", envelope.Signatures.Select(s => s.Keyid));
            return new("signature", false, keys.Count == 0
                ? $"signed by key {named}, but no public key is trusted (commit one under {TrustedKeys.PublicFolder}/)"
                : $"signed by key {named}, which is not among the {keys.Count} trusted key(s) under {TrustedKeys.PublicFolder}/");
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    private static PackageCheck Subject(PackageContents contents, byte[] payload, string actual)
    {
        try
        {
            using var statement = JsonDocument.Parse(payload);
            var root = statement.RootElement;
            var type = root.TryGetProperty("_type", out var t) ? t.GetString() : null;
            var predicate = root.TryGetProperty("predicateType", out var p) ? p.GetString() : null;
            if (type != StatementType || predicate != ProvenanceType)
            {
                return new("statement subject", false, $"the statement is '{type}' with predicate '{predicate}', not an in-toto v1 statement of SLSA provenance v1");
            }

            var subjects = root.GetProperty("subject").EnumerateArray()
                .Select(s => (Name: s.GetProperty("name").GetString(), Sha: s.GetProperty("digest").GetProperty("sha256").GetString()))
                .ToList();
            var expected = $"{contents.Name}-{contents.Version}.tar";
            return subjects.Any(s => "sha256:" + s.Sha == actual && s.Name == expected)
                ? new("statement subject", true, $"the signed statement names {expected} with digest {actual}")
                : new("statement subject", false, $"the signed statement names {string.Join(", ", subjects.Select(s => $"{s.Name} sha256:{s.Sha}"))}, not {expected} {actual}: it is about another archive");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new("statement subject", false, $"the envelope's payload is not a readable in-toto statement ({e.Message})");
        }
    }

    private static PackageCheck Manifest(PackageContents contents)
    {
        try
        {
            contents.CheckFiles();
            return new("manifest hashes", true, $"all {contents.Files.Count} file(s) in {PackageLayout.Archive} match {PackageLayout.Manifest}");
        }
        catch (PackageException e)
        {
            return new("manifest hashes", false, e.Message);
        }
    }

    private static PackageCheck Bom(PackageContents contents)
    {
        byte[]? bom;
        try
        {
            bom = contents.Read(PackageLayout.Bom);
        }
        catch (PackageException e)
        {
            return new("ML-BOM", false, e.Message);
        }

        if (bom is null)
        {
            return new("ML-BOM", false, $"{PackageLayout.Archive} has no {PackageLayout.Bom}");
        }

        var problems = BomSchema.Problems(Encoding.UTF8.GetString(bom));
        return problems.Count == 0
            ? new("ML-BOM", true, $"{PackageLayout.Bom} is valid CycloneDX 1.6")
            : new("ML-BOM", false, $"{PackageLayout.Bom} does not match the CycloneDX 1.6 schema: {string.Join("; ", problems.Take(5))}");
    }
}
