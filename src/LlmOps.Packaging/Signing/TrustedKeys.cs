namespace LlmOps.Packaging;

/// <summary>
/// Where keys live: committed public keys under <c>.nuke/signing-keys/&lt;keyid&gt;.pub.pem</c> are the keys a
/// pipeline trusts; private keys stay under <c>.llmops/keys/</c> (git-ignored, mode 0600).
/// </summary>
public static class TrustedKeys
{
    /// <summary>The committed folder of trusted public keys, relative to the repository root.</summary>
    public const string PublicFolder = ".nuke/signing-keys";

    /// <summary>The private key folder, relative to the repository root.</summary>
    public const string PrivateFolder = StateLayout.DirectoryName + "/keys";

    /// <summary>The file name of the development key generated on first use when no key is configured.</summary>
    public const string DevelopmentKeyFile = "development.pem";

    /// <summary>The PEM text of every committed public key under <paramref name="repositoryRoot"/>, in file name order.</summary>
    public static IReadOnlyList<string> Load(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, PublicFolder);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.pub.pem").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList()
            : [];
    }

    /// <summary>Writes a private key file atomically, readable by its owner only (0600 from the start, never wider).</summary>
    public static void WritePrivateKey(string path, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(key.PrivateKeyPem()));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
