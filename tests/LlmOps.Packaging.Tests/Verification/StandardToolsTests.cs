using System.Diagnostics;

namespace LlmOps.Packaging.Tests.Verification;

/// <summary>The verification recipe of docs/packaging.md, run with openssl, jq, base64 and sha256sum only, on a package this code built.</summary>
public sealed class StandardToolsTests
{
    // The same commands as docs/packaging.md "Verify without LlmOps"; run in the package directory with pub.pem beside it.
    internal const string Recipe = """
        set -eu
        jq -r .payload provenance.dsse.json | base64 -d > statement.json
        type=$(jq -r .payloadType provenance.dsse.json)
        printf 'DSSEv1 %d %s %d ' "${#type}" "$type" "$(stat -c %s statement.json)" > pae.bin
        cat statement.json >> pae.bin
        jq -r '.signatures[0].sig' provenance.dsse.json | base64 -d > sig.der
        openssl dgst -sha256 -verify pub.pem -signature sig.der pae.bin
        test "$(jq -r '.subject[0].digest.sha256' statement.json)" = "$(sha256sum package.tar | cut -d' ' -f1)"
        echo "subject digest OK"
        """;

    [Fact]
    public void Openssl_and_jq_verify_the_signature_and_the_subject_digest_of_a_package()
    {
        if (Missing("openssl", "jq", "base64", "sha256sum") is { } missing)
        {
            Assert.Skip($"{missing} is not on PATH, so the standard-tools recipe cannot run here");
        }

        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var package = packages.Build(key);
        File.WriteAllText(Path.Combine(package, "pub.pem"), key.PublicKeyPem);

        var (exit, output) = Bash(package, Recipe);
        Assert.True(exit == 0, output);
        Assert.Contains("Verified OK", output, StringComparison.Ordinal);
        Assert.Contains("subject digest OK", output, StringComparison.Ordinal);

        TamperedPackages.FlipByte(package, 600);
        var (tamperedExit, tamperedOutput) = Bash(package, Recipe);
        Assert.NotEqual(0, tamperedExit); // the signature still verifies; the subject digest no longer matches the archive
        Assert.DoesNotContain("subject digest OK", tamperedOutput, StringComparison.Ordinal);
    }

    private static string? Missing(params string[] tools) =>
        tools.FirstOrDefault(t => !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, t))));

    private static (int Exit, string Output) Bash(string directory, string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
