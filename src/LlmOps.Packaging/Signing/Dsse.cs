using System.Globalization;
using System.Text;

namespace LlmOps.Packaging;

/// <summary>
/// Dead Simple Signing Envelopes (github.com/secure-systems-lab/dsse, v1.0.0): the signature covers the
/// pre-authentication encoding of the payload type and the payload, never the JSON around them.
/// </summary>
public static class Dsse
{
    /// <summary>
    /// <c>PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</c>, LEN the byte length in ASCII decimal
    /// with no leading zeros.
    /// </summary>
    public static byte[] PreAuthenticationEncoding(string payloadType, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        ArgumentNullException.ThrowIfNull(payload);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} {payloadType} {payload.Length} "));
        return [.. head, .. payload];
    }

    /// <summary>Signs <paramref name="payload"/> with <paramref name="key"/>.</summary>
    public static DsseEnvelope Sign(string payloadType, byte[] payload, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.Sign(PreAuthenticationEncoding(payloadType, payload));
        return new DsseEnvelope(payloadType, Convert.ToBase64String(payload), [new DsseSignature(key.KeyId, Convert.ToBase64String(signature))]);
    }
}

/// <summary>A DSSE envelope as JSON: <c>{ payloadType, payload (base64), signatures: [{ keyid, sig (base64 DER) }] }</c>.</summary>
/// <param name="PayloadType">The payload's media type.</param>
/// <param name="Payload">The payload, base64.</param>
/// <param name="Signatures">The signatures.</param>
public sealed record DsseEnvelope(string PayloadType, string Payload, IReadOnlyList<DsseSignature> Signatures)
{
    /// <summary>The payload's bytes.</summary>
    /// <exception cref="PackageException">The payload is not base64.</exception>
    public byte[] PayloadBytes()
    {
        try
        {
            return Convert.FromBase64String(Payload);
        }
        catch (FormatException e)
        {
            throw new PackageException("the envelope's payload is not base64", e);
        }
    }
}

/// <summary>One signature of a DSSE envelope.</summary>
/// <param name="Keyid">The signing key's id (the DSSE field is spelled <c>keyid</c>).</param>
/// <param name="Sig">The signature, base64 of the DER ECDSA signature.</param>
public sealed record DsseSignature(string Keyid, string Sig);
