using System.Diagnostics;
using LlmOps.Packaging.Oci;

namespace LlmOps.Packaging.Tests.Registry;

/// <summary>Packages pushed to a real registry (Debian's docker-registry) and pulled back by digest.</summary>
[Collection(RegistryCollection.Name)]
public sealed class PublishAndPullTests(TestRegistry registry) : IDisposable
{
    private readonly TestPackages _packages = new();
    private readonly SigningKey _key = SigningKey.Generate();

    [Fact]
    public async Task A_package_pushed_and_pulled_by_digest_is_byte_identical_and_verifies()
    {
        var repository = registry.Repository("roundtrip");
        var package = _packages.Build(_key);
        using var client = new OciRegistryClient();

        var publication = await PackagePublisher.PublishAsync(package, repository, client, modelcar: false, cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith($"{repository}@sha256:", publication.Artifact, StringComparison.Ordinal);
        Assert.Equal(publication, PackagePublication.Of(package));
        var pulled = Path.Combine(_packages.Root, "pulled");
        var manifest = await PackagePuller.PullAsync(OciReference.Parse(publication.Artifact), pulled, client, TestContext.Current.CancellationToken);
        Assert.Equal(OciMediaTypes.PackageArtifact, manifest.ArtifactType);
        foreach (var file in new[] { PackageLayout.Archive, PackageLayout.Provenance, PackageLayout.Record })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(package, file)), File.ReadAllBytes(Path.Combine(pulled, file)));
        }

        var verification = PackageVerifier.Verify(pulled, [_key.PublicKeyPem]);
        Assert.True(verification.Passed, string.Join("\n", verification.Failures.Select(f => f.Detail)));
    }

    [Fact]
    public async Task Publishing_the_same_package_again_uploads_no_blob_and_gives_the_same_digest()
    {
        var repository = registry.Repository("again");
        var package = _packages.Build(_key);
        using var client = new OciRegistryClient();
        var first = await PackagePublisher.PublishAsync(package, repository, client, modelcar: false, cancellationToken: TestContext.Current.CancellationToken);
        var log = new List<string>();

        var second = await PackagePublisher.PublishAsync(package, repository, client, modelcar: false, log.Add, TestContext.Current.CancellationToken);

        Assert.Equal(first.Artifact, second.Artifact);
        Assert.Equal(3, log.Count(l => l.Contains("present", StringComparison.Ordinal)));
        Assert.DoesNotContain(log, l => l.Contains("pushed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_package_larger_than_a_chunk_is_uploaded_in_chunks_and_pulled_back_identical()
    {
        var repository = registry.Repository("chunked");
        var package = _packages.Build(_key);
        using var client = new OciRegistryClient { ChunkSize = 16 * 1024 };

        var publication = await PackagePublisher.PublishAsync(package, repository, client, modelcar: false, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(new FileInfo(Path.Combine(package, PackageLayout.Archive)).Length > 4 * client.ChunkSize);
        var pulled = Path.Combine(_packages.Root, "pulled");
        await PackagePuller.PullAsync(OciReference.Parse(publication.Artifact), pulled, client, TestContext.Current.CancellationToken);
        Assert.Equal(File.ReadAllBytes(Path.Combine(package, PackageLayout.Archive)), File.ReadAllBytes(Path.Combine(pulled, PackageLayout.Archive)));
    }

    [Fact]
    public async Task A_blob_changed_in_the_registry_storage_is_rejected_when_pulled()
    {
        var repository = registry.Repository("tampered");
        // A package of its own bytes: blobs are shared across repositories, and no other test may meet this one.
        var package = _packages.Build(_key, _packages.Input(c => c.Limitations("tamper test " + Guid.NewGuid())));
        using var client = new OciRegistryClient();
        var publication = await PackagePublisher.PublishAsync(package, repository, client, modelcar: false, cancellationToken: TestContext.Current.CancellationToken);
        var hex = Sha256File.Of(Path.Combine(package, PackageLayout.Archive));
        var data = $"/var/lib/docker-registry/docker/registry/v2/blobs/sha256/{hex[..2]}/{hex}/data";
        Docker("exec", TestRegistry.ContainerName, "sh", "-c", $"printf Z | dd of={data} bs=1 seek=600 conv=notrunc status=none");

        var error = await Assert.ThrowsAsync<OciException>(() => PackagePuller.PullAsync(OciReference.Parse(publication.Artifact), Path.Combine(_packages.Root, "pulled"), client, TestContext.Current.CancellationToken));

        Assert.Contains($"blob package.tar from {repository.Repository} hashes to sha256:", error.Message, StringComparison.Ordinal);
        Assert.Contains("it was changed in the registry", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_packages.Root, "pulled", PackageLayout.Archive)));
    }

    [Fact]
    public async Task Docker_pulls_the_modelcar_by_digest_and_its_models_folder_holds_the_model_files()
    {
        var repository = registry.Repository("modelcar");
        var package = _packages.Build(_key);
        using var client = new OciRegistryClient();
        var publication = await PackagePublisher.PublishAsync(package, repository, client, modelcar: true, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(publication.Modelcar);
        var container = "oci-test-modelcar-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            Docker("pull", "-q", publication.Modelcar!);
            Docker("create", "--name", container, publication.Modelcar!, "/none");
            var copy = Path.Combine(_packages.Root, "copied");
            Directory.CreateDirectory(copy);
            Docker("cp", $"{container}:/models/.", copy);
            Assert.Equal(File.ReadAllBytes(Path.Combine(_packages.ModelDirectory, "weights", "model.bin")), File.ReadAllBytes(Path.Combine(copy, "weights", "model.bin")));
            Assert.True(File.Exists(Path.Combine(copy, ".llmops", PackageLayout.ModelCard)));
        }
        finally
        {
            TryDocker("rm", "-f", container);
            TryDocker("rmi", publication.Modelcar!);
        }
    }

    [Fact]
    public async Task Pulling_the_modelcar_as_a_package_says_it_is_an_image()
    {
        var repository = registry.Repository("notpackage");
        var package = _packages.Build(_key);
        using var client = new OciRegistryClient();
        var publication = await PackagePublisher.PublishAsync(package, repository, client, modelcar: true, cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<OciException>(() => PackagePuller.PullAsync(OciReference.Parse(publication.Modelcar!), Path.Combine(_packages.Root, "pulled"), client, TestContext.Current.CancellationToken));

        Assert.Contains("is an image, not an artifact", error.Message, StringComparison.Ordinal);
        Assert.Contains("modelcar", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _key.Dispose();
        _packages.Dispose();
    }

    private static void Docker(params string[] args)
    {
        var (code, output) = RunDocker(args);
        Assert.True(code == 0, $"docker {string.Join(' ', args)} exited {code}: {output}");
    }

    private static void TryDocker(params string[] args) => RunDocker(args);

    private static (int Code, string Output) RunDocker(string[] args)
    {
        var start = new ProcessStartInfo("docker", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
