namespace LlmOps.Packaging;

/// <summary>
/// Picks the key that signs a package, in this order: the PEM of the declared <c>[Secret]</c> parameter; the declared
/// key file; a key under <c>.llmops/keys/</c> that <c>GenerateSigningKey</c> wrote and whose public key is committed;
/// else a development key generated once under <c>.llmops/keys/development.pem</c>, so a fresh clone still packages.
/// Packages signed with the development key say so in <c>package.json</c> and the provenance, and no committed key
/// matches it, so <c>Verify</c> and CI policy refuse them.
/// </summary>
internal static class KeySelection
{
    public sealed record Selected(SigningKey Key, bool Development, string Source);

    public static Selected Select(string root, string? secretPem, string? keyFile, Action<string> log)
    {
        var trusted = TrustedKeys.Load(root).Select(pem => SigningKey.FromPem(pem, "a committed public key")).ToList();
        var trustedIds = trusted.Select(k => k.KeyId).ToHashSet(StringComparer.Ordinal);
        trusted.ForEach(k => k.Dispose());
        Selected? chosen = null;
        if (!string.IsNullOrWhiteSpace(secretPem))
        {
            chosen = new(Private(SigningKey.FromPem(secretPem, "the signing key parameter"), "the signing key parameter"), false, "the signing key parameter");
        }
        else if (keyFile is not null)
        {
            var path = Path.GetFullPath(keyFile, root);
            if (File.Exists(path))
            {
                chosen = new(Private(SigningKey.FromPem(File.ReadAllText(path), path), path), false, Path.GetRelativePath(root, path));
            }
            else
            {
                log($"warning: the declared signing key file {Path.GetRelativePath(root, path)} does not exist");
            }
        }

        chosen ??= Generated(root, trustedIds);
        if (chosen is null)
        {
            var path = Path.Combine(root, TrustedKeys.PrivateFolder, TrustedKeys.DevelopmentKeyFile);
            SigningKey key;
            if (File.Exists(path))
            {
                key = SigningKey.FromPem(File.ReadAllText(path), path);
            }
            else
            {
                key = SigningKey.Generate();
                TrustedKeys.WritePrivateKey(path, key);
            }

            chosen = new(key, true, Path.GetRelativePath(root, path));
            log($"WARNING: no signing key is configured, so this package is signed with the DEVELOPMENT key {key.KeyId} ({chosen.Source}).");
            log("WARNING: Verify and CI policy do not trust development keys. Run ./build.sh GenerateSigningKey and commit its public key, or pass the key's PEM as the signing key parameter.");
        }
        else if (!trustedIds.Contains(chosen.Key.KeyId))
        {
            log($"warning: the signing key {chosen.Key.KeyId} from {chosen.Source} has no committed public key under {TrustedKeys.PublicFolder}/, so Verify will not trust this package");
        }

        return chosen;
    }

    // A key GenerateSigningKey wrote: its private half is here and its public half is committed.
    private static Selected? Generated(string root, IReadOnlySet<string> trusted)
    {
        var folder = Path.Combine(root, TrustedKeys.PrivateFolder);
        if (!Directory.Exists(folder))
        {
            return null;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.pem").Where(f => Path.GetFileName(f) != TrustedKeys.DevelopmentKeyFile).Order(StringComparer.Ordinal))
        {
            var key = SigningKey.FromPem(File.ReadAllText(file), file);
            if (key.HasPrivateKey && trusted.Contains(key.KeyId))
            {
                return new(key, false, Path.GetRelativePath(root, file));
            }

            key.Dispose();
        }

        return null;
    }

    private static SigningKey Private(SigningKey key, string source)
    {
        if (!key.HasPrivateKey)
        {
            key.Dispose();
            throw new PackageException($"{source} holds a public key; signing needs the private key (-----BEGIN PRIVATE KEY-----)");
        }

        return key;
    }
}
