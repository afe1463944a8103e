using LlmOps.Cli;

namespace LlmOps.Packaging.Tests.Verification;

/// <summary><c>./build.sh Verify [&lt;path&gt;]</c> for packages: a package directory, a deployment, or every local deployment.</summary>
public sealed class VerifyTargetTests
{
    [Fact]
    public void Without_a_path_the_current_version_of_each_deployment_is_verified_and_each_check_printed()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var root = Repository(packages, key);
        var package = packages.Build(key);
        var version = PackageContents.Open(package).Version;
        var deployed = Path.Combine(root, ".llmops", "deployments", "support-intent", version, "package");
        CopyFolder(package, deployed);
        File.WriteAllText(Path.Combine(root, ".llmops", "deployments", "support-intent", "current"), version + "\n");

        var (exit, output, _) = Verify(root, null);
        Assert.Equal(0, exit);
        Assert.Contains("ok   signature: ECDSA P-256 signature over the DSSE encoding by trusted key " + key.KeyId, output, StringComparison.Ordinal);
        Assert.Contains("  verified.", output, StringComparison.Ordinal);

        TamperedPackages.FlipByte(deployed, 700);
        var (tampered, tamperedOutput, _) = Verify(root, ".llmops/deployments/support-intent");
        Assert.Equal(1, tampered);
        Assert.Contains("FAIL archive digest", tamperedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_directory_signed_by_an_uncommitted_key_fails_and_nothing_deployed_is_said()
    {
        using var packages = new TestPackages();
        using var committed = SigningKey.Generate();
        using var other = SigningKey.Generate();
        var root = Repository(packages, committed);

        var (exit, output, _) = Verify(root, packages.Build(other));
        Assert.Equal(1, exit);
        Assert.Contains("FAIL signature: signed by key " + other.KeyId, output, StringComparison.Ordinal);

        var (none, _, error) = Verify(root, null);
        Assert.Equal(2, none);
        Assert.Contains("Nothing to verify: no deployed package", error, StringComparison.Ordinal);
    }

    private static string Repository(TestPackages packages, SigningKey trusted)
    {
        var root = Path.Combine(packages.Root, "repo");
        Directory.CreateDirectory(Path.Combine(root, TrustedKeys.PublicFolder));
        File.WriteAllText(Path.Combine(root, TrustedKeys.PublicFolder, trusted.KeyId + ".pub.pem"), trusted.PublicKeyPem);
        return root;
    }

    private static (int Exit, string Output, string Error) Verify(string root, string? path)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = new PackageVerifyTarget().Verify(
            new CliContext(root, CommandLine.Parse(path is null ? ["Verify"] : ["Verify", path]), [], output, error, _ => null), path, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
