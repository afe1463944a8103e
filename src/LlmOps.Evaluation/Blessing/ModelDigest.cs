using System.Security.Cryptography;
using System.Text;

namespace LlmOps.Evaluation;

/// <summary>The SHA-256 of a model folder's files (relative paths and contents, in ordinal order): what a blessing and a response cache are keyed by.</summary>
public static class ModelDigest
{
    /// <summary>The digest of every file under <paramref name="directory"/>.</summary>
    public static string Of(string directory) => Of(directory, []);

    /// <summary>The digest of the files <paramref name="only"/> (relative paths) under <paramref name="directory"/>, or of every file when empty.</summary>
    public static string Of(string directory, IReadOnlyList<string> only)
    {
        ArgumentNullException.ThrowIfNull(only);
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Where(f => only.Count == 0 || only.Contains(f, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            using var stream = File.OpenRead(Path.Combine(directory, file));
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            hash.AppendData(SHA256.HashData(stream));
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
