using System.Security.Cryptography;

namespace LlmOps.Packaging;

/// <summary>SHA-256 of files and bytes, lower-case hex, the form every file of a package records.</summary>
public static class Sha256File
{
    /// <summary>The SHA-256 of a file's bytes, streamed.</summary>
    public static string Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
