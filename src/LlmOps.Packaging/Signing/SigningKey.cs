using System.Security.Cryptography;

namespace LlmOps.Packaging;

/// <summary>An ECDSA P-256 key pair (or public key only) with its key id: the SHA-256 of its SubjectPublicKeyInfo DER, hex.</summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa _key;

    private SigningKey(ECDsa key, bool hasPrivateKey)
    {
        _key = key;
        HasPrivateKey = hasPrivateKey;
        var spki = key.ExportSubjectPublicKeyInfo();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(spki));
        PublicKeyPem = PemEncoding.WriteString("PUBLIC KEY", spki) + "\n";
    }

    /// <summary>The key id.</summary>
    public string KeyId { get; }

    /// <summary>The public key as PEM (<c>-----BEGIN PUBLIC KEY-----</c>), what is committed and what openssl verifies with.</summary>
    public string PublicKeyPem { get; }

    /// <summary>Whether this key can sign.</summary>
    public bool HasPrivateKey { get; }

    /// <summary>A new P-256 key pair.</summary>
    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), hasPrivateKey: true);

    /// <summary>Reads a PEM key: a private key (PKCS#8 or SEC1 <c>EC PRIVATE KEY</c>) or a public key.</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="source">Where it came from, for the error (never the key itself).</param>
    /// <exception cref="PackageException">The text is not a PEM P-256 key.</exception>
    public static SigningKey FromPem(string pem, string source)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new PackageException($"{source}: not a PEM ECDSA key ({e.GetType().Name})", e);
        }

        if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new PackageException($"{source}: the key is not on the P-256 curve that DSSE envelopes here are signed with");
        }

        var hasPrivate = pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal);
        return new SigningKey(key, hasPrivate);
    }

    /// <summary>The private key as PKCS#8 PEM, for the key file.</summary>
    public string PrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem() + "\n";

    /// <summary>An ECDSA-SHA256 signature of <paramref name="data"/>, DER-encoded as openssl writes and reads it.</summary>
    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>Whether <paramref name="signature"/> (DER) is this key's signature of <paramref name="data"/>.</summary>
    public bool Verifies(byte[] data, byte[] signature) => _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
