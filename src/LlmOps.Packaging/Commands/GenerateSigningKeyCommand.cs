using LlmOps.Cli;

namespace LlmOps.Packaging;

/// <summary>
/// <c>./build.sh GenerateSigningKey</c>: writes a new ECDSA P-256 key pair, the private key to
/// <c>.llmops/keys/&lt;keyid&gt;.pem</c> (mode 0600, git-ignored) and the public key to
/// <c>.nuke/signing-keys/&lt;keyid&gt;.pub.pem</c>, which you commit: committed public keys are the keys the pipeline trusts.
/// </summary>
public sealed class GenerateSigningKeyCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "GenerateSigningKey";

    /// <inheritdoc />
    public string Description => "Write a new package signing key (private: .llmops/keys/, public: .nuke/signing-keys/ to commit)";

    /// <inheritdoc />
    public Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var key = SigningKey.Generate();
        var privatePath = Path.Combine(context.RootDirectory, TrustedKeys.PrivateFolder, key.KeyId + ".pem");
        var publicPath = Path.Combine(context.RootDirectory, TrustedKeys.PublicFolder, key.KeyId + ".pub.pem");
        TrustedKeys.WritePrivateKey(privatePath, key);
        Directory.CreateDirectory(Path.GetDirectoryName(publicPath)!);
        AtomicFile.WriteAllText(publicPath, key.PublicKeyPem);
        context.Output.WriteLine($"Generated signing key {key.KeyId}.");
        context.Output.WriteLine($"  private: {Path.GetRelativePath(context.RootDirectory, privatePath)} (mode 0600, git-ignored; for CI, store its content as a secret)");
        context.Output.WriteLine($"  public:  {Path.GetRelativePath(context.RootDirectory, publicPath)} (commit it: committed public keys are the trusted ones)");
        return Task.FromResult(0);
    }
}
