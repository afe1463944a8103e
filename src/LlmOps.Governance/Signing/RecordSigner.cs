using System.Text.Json;
using LlmOps.Packaging;

namespace LlmOps.Governance;

/// <summary>The key that signs governance records: the packaging library's ECDSA P-256 keys and DSSE envelopes.</summary>
internal static class RecordSigner
{
    public static JsonSerializerOptions EnvelopeOptions { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The given private key, else the local development key packaging generated, else null (unsigned).</summary>
    public static SigningKey? Key(string root, string privateKeyPem)
    {
        if (privateKeyPem.Trim().Length > 0)
        {
            try
            {
                return SigningKey.FromPem(privateKeyPem, "the governance signing key parameter");
            }
            catch (PackageException e)
            {
                throw new Dsl.StageFailedException(e.Message);
            }
        }

        var development = Path.Combine(root, TrustedKeys.PrivateFolder, TrustedKeys.DevelopmentKeyFile);
        return File.Exists(development) ? SigningKey.FromPem(File.ReadAllText(development), development) : null;
    }
}
