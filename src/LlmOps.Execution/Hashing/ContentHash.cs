using System.Security.Cryptography;
using System.Text;

namespace LlmOps.Execution;

/// <summary>
/// SHA-256, which .NET runs on the CPU's SHA extensions where present (OpenSSL on Linux), as lowercase hex.
/// Chosen over BLAKE3 to avoid a dependency: on SHA-NI hardware it hashes at well over 1 GB/s per core.
/// </summary>
public static class ContentHash
{
    /// <summary>The hash of a file's bytes.</summary>
    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The hash of a string's UTF-8 bytes.</summary>
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
