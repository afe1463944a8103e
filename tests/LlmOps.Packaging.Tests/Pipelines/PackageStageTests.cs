using LlmOps.Cli;

namespace LlmOps.Packaging.Tests.Pipelines;

/// <summary>The stage kind end to end through the CLI, the planner and the executor, then <c>Verify</c> as a user runs it.</summary>
public sealed class PackageStageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmops-pack-e2e-").FullName;

    public PackageStageTests() => Directory.CreateDirectory(Path.Combine(_root, ".nuke"));

    [Fact]
    public void A_fresh_clone_packages_with_a_loud_development_key_that_Verify_does_not_trust()
    {
        var run = Run();
        Assert.True(run.Code == 0, run.Output + run.Error);
        Assert.Contains("DEVELOPMENT key", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, ".llmops", "attestations", "demo.sha256")));

        var verify = Run("Verify");
        Assert.Equal(1, verify.Code);
        Assert.Contains("FAIL signature: signed by key", verify.Output, StringComparison.Ordinal);
        Assert.Contains("ok   ML-BOM", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void After_GenerateSigningKey_the_deployed_package_verifies_with_the_committed_key()
    {
        var generate = Run("GenerateSigningKey");
        Assert.Equal(0, generate.Code);
        var run = Run();
        Assert.True(run.Code == 0, run.Output + run.Error);
        Assert.DoesNotContain("DEVELOPMENT", run.Output, StringComparison.Ordinal);

        var verify = Run("Verify");
        Assert.True(verify.Code == 0, verify.Output + verify.Error);
        Assert.Contains("  verified.", verify.Output, StringComparison.Ordinal);
        var card = Directory.GetDirectories(Path.Combine(_root, ".llmops", "deployments", "demo")).Single();
        var contents = PackageContents.Open(Path.Combine(card, "package"));
        Assert.Contains(contents.Files, f => f.Path == "evidence/verdict/verdict.json");
        Assert.Contains(contents.Files, f => f.Path == "evidence/validation/eval-set/validation-report.json");
        Assert.False(contents.Record.DevelopmentKey);
    }

    [Fact]
    public void Verify_store_still_checks_the_store()
    {
        Assert.Equal(0, Run("Pack").Code); // the store's own deployment records are the deployment stage's, not this test's
        var verify = Run("Verify", "--store");
        Assert.True(verify.Code == 0, verify.Output + verify.Error);
        Assert.Contains("by full hash: no damage.", verify.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new LlmOpsApp(typeof(PackagedPipeline)) { Output = output, Error = error, Environment = _ => null };
        var code = app.RunAsync(["--root", _root, "--parallel", "1", .. args], TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }
}
