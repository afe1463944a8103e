using LlmOps.Cli;

namespace LlmOps.Packaging.Tests.Signing;

public sealed class SigningKeyTests
{
    [Fact]
    public async Task GenerateSigningKey_writes_a_0600_private_key_and_a_committable_public_key_named_by_key_id()
    {
        var root = Directory.CreateTempSubdirectory("llmops-keys-").FullName;
        try
        {
            var output = new StringWriter();
            var exit = await new GenerateSigningKeyCommand().RunAsync(
                new CliContext(root, CommandLine.Parse(["GenerateSigningKey"]), [], output, new StringWriter(), _ => null), TestContext.Current.CancellationToken);

            Assert.Equal(0, exit);
            var privateKey = Assert.Single(Directory.GetFiles(Path.Combine(root, TrustedKeys.PrivateFolder)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(privateKey));
            using var key = SigningKey.FromPem(File.ReadAllText(privateKey), privateKey);
            Assert.True(key.HasPrivateKey);
            var trusted = Assert.Single(TrustedKeys.Load(root));
            Assert.Equal(key.PublicKeyPem, trusted);
            Assert.True(File.Exists(Path.Combine(root, TrustedKeys.PublicFolder, key.KeyId + ".pub.pem")));
            Assert.DoesNotContain("PRIVATE", output.ToString(), StringComparison.Ordinal);

            var selected = KeySelection.Select(root, null, null, _ => { });
            Assert.Equal(key.KeyId, selected.Key.KeyId); // the stage picks the generated key up without configuration
            Assert.False(selected.Development);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void With_no_key_configured_a_development_key_is_generated_once_said_loudly_and_not_trusted()
    {
        var root = Directory.CreateTempSubdirectory("llmops-keys-").FullName;
        try
        {
            var log = new List<string>();
            var first = KeySelection.Select(root, "", null, log.Add);
            var second = KeySelection.Select(root, null, null, _ => { });

            Assert.True(first.Development);
            Assert.Equal(first.Key.KeyId, second.Key.KeyId);
            Assert.Contains(log, l => l.Contains("DEVELOPMENT key", StringComparison.Ordinal));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(Path.Combine(root, TrustedKeys.PrivateFolder, TrustedKeys.DevelopmentKeyFile)));

            using var packages = new TestPackages();
            var package = packages.Build(first.Key, development: true);
            Assert.True(PackageContents.Open(package).Record.DevelopmentKey);
            Assert.False(PackageVerifier.Verify(package, TrustedKeys.Load(root)).Passed);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_public_key_given_as_the_signing_secret_is_refused_with_what_is_needed()
    {
        using var key = SigningKey.Generate();
        var error = Assert.Throws<PackageException>(() => KeySelection.Select(Path.GetTempPath(), key.PublicKeyPem, null, _ => { }));
        Assert.Contains("signing needs the private key", error.Message, StringComparison.Ordinal);
    }

    private static UnixFileMode Mode(string path) =>
        OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(path);

    [Fact]
    public void The_pre_authentication_encoding_follows_the_dsse_spec()
    {
        var pae = Dsse.PreAuthenticationEncoding("http://example.com/HelloWorld", "hello world"u8.ToArray());
        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", System.Text.Encoding.ASCII.GetString(pae));
    }
}
