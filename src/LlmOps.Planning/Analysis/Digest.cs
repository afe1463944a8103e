using System.Security.Cryptography;
using System.Text;

namespace LlmOps.Planning;

/// <summary>SHA-256 of text as lowercase hex, for code identities (Planning cannot see Execution's ContentHash).</summary>
internal static class Digest
{
    /// <summary>The hash of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
