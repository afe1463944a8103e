using LlmOps.Cli;

namespace LlmOps.Packaging.Tests.Registry;

/// <summary>The packaging stage's <c>.PublishesTo(...)</c> through the CLI, then <c>Pull</c> as a user runs it.</summary>
[Collection(RegistryCollection.Name)]
public sealed class PublishingStageTests(TestRegistry registry) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmops-publish-e2e-").FullName;

    [Fact]
    public void Without_a_registry_the_stage_says_so_and_the_package_stays_local()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

        var run = Run("Pack");

        Assert.True(run.Code == 0, run.Output + run.Error);
        Assert.Contains("publishing: no registry configured (PackageRegistry is empty)", run.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, ".llmops"), PackageLayout.Publication, SearchOption.AllDirectories));
    }

    [Fact]
    public void A_published_package_is_pulled_by_digest_and_verified_with_the_committed_key()
    {
        var repository = registry.Repository("stage");
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        Assert.Equal(0, Run("GenerateSigningKey").Code);

        var run = Run("Pack", "--package-registry", repository.ToString());

        Assert.True(run.Code == 0, run.Output + run.Error);
        var record = Directory.EnumerateFiles(Path.Combine(_root, ".llmops", "artifacts"), PackageLayout.Publication, SearchOption.AllDirectories).Single();
        var publication = PackageJson.Read<PackagePublication>(record);
        Assert.Contains($"artifact {publication.Artifact}", run.Output, StringComparison.Ordinal);

        var verify = Run("Verify", Path.GetDirectoryName(record)!);
        Assert.Contains($"  published as {publication.Artifact}", verify.Output, StringComparison.Ordinal);

        var pull = Run("Pull", publication.Artifact, "--output", "pulled");

        Assert.True(pull.Code == 0, pull.Output + pull.Error);
        Assert.Contains("ok   manifest digest", pull.Output, StringComparison.Ordinal);
        Assert.Contains("ok   signature: ECDSA P-256", pull.Output, StringComparison.Ordinal);
        Assert.Contains("  verified.", pull.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(record)!, PackageLayout.Archive)), File.ReadAllBytes(Path.Combine(_root, "pulled", PackageLayout.Archive)));
    }

    [Fact]
    public void Pull_refuses_a_tag_because_a_tag_can_be_moved()
    {
        var pull = Run("Pull", "127.0.0.1:5000/support-intent:v-1");

        Assert.Equal(2, pull.Code);
        Assert.Contains("names no digest. Pull by digest", pull.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new LlmOpsApp(typeof(Pipelines.PackagedPipeline)) { Output = output, Error = error, Environment = _ => null };
        var code = app.RunAsync(["--root", _root, "--parallel", "1", .. args], TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }
}
