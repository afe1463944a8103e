using System.Diagnostics;
using LlmOps.Packaging.Oci;
using LlmOps.Packaging.Tests.Verification;

namespace LlmOps.Packaging.Tests.Registry;

/// <summary>The pull recipe of docs/packaging.md (curl, jq and sha256sum only) against a real registry, then the openssl recipe.</summary>
[Collection(RegistryCollection.Name)]
public sealed class StandardPullTests(TestRegistry registry) : IDisposable
{
    // The same commands as docs/packaging.md "Pull and verify without LlmOps"; $ref is registry/repository@sha256:….
    internal const string PullRecipe = """
        set -eu
        registry=${ref%%/*}; rest=${ref#*/}; repo=${rest%@*}; digest=${rest#*@}
        curl -fsS -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$registry/v2/$repo/manifests/$digest" -o manifest.json
        test "sha256:$(sha256sum manifest.json | cut -d' ' -f1)" = "$digest"
        jq -e '.artifactType == "application/vnd.llmops.package.v1"' manifest.json > /dev/null
        for title in package.tar provenance.dsse.json package.json; do
          layer=$(jq -r --arg t "$title" '.layers[] | select(.annotations["org.opencontainers.image.title"] == $t) | .digest' manifest.json)
          curl -fsSL "http://$registry/v2/$repo/blobs/$layer" -o "$title"
          test "sha256:$(sha256sum "$title" | cut -d' ' -f1)" = "$layer"
        done
        echo "pulled $ref"
        """;

    private readonly TestPackages _packages = new();
    private readonly SigningKey _key = SigningKey.Generate();

    [Fact]
    public async Task Curl_jq_and_sha256sum_pull_a_package_by_digest_and_openssl_verifies_it()
    {
        var publication = await PublishAsync();
        var folder = Directory.CreateDirectory(Path.Combine(_packages.Root, "standard")).FullName;
        File.WriteAllText(Path.Combine(folder, "pub.pem"), _key.PublicKeyPem);

        var (exit, output) = Bash(folder, publication.Artifact, PullRecipe + "\n" + StandardToolsTests.Recipe);

        Assert.True(exit == 0, output);
        Assert.Contains("pulled " + publication.Artifact, output, StringComparison.Ordinal);
        Assert.Contains("Verified OK", output, StringComparison.Ordinal);
        Assert.Contains("subject digest OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_standard_pull_recipe_refuses_an_image_that_is_not_a_package()
    {
        var publication = await PublishAsync(modelcar: true);
        var folder = Directory.CreateDirectory(Path.Combine(_packages.Root, "standard")).FullName;

        var (exit, output) = Bash(folder, publication.Modelcar!, PullRecipe);

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("pulled", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _key.Dispose();
        _packages.Dispose();
    }

    private async Task<PackagePublication> PublishAsync(bool modelcar = false)
    {
        if (new[] { "curl", "jq", "sha256sum", "openssl", "base64" }.FirstOrDefault(t => !(Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, t)))) is { } missing)
        {
            Assert.Skip($"{missing} is not on PATH, so the standard-tools pull recipe cannot run here");
        }

        var repository = registry.Repository("standard");
        using var client = new OciRegistryClient();
        return await PackagePublisher.PublishAsync(_packages.Build(_key), repository, client, modelcar, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static (int Exit, string Output) Bash(string directory, string reference, string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ref"] = reference;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
