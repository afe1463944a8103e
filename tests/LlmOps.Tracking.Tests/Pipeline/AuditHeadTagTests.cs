using LlmOps.Governance.Audit;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Pipeline;

/// <summary>
/// The long-term home of the audit trail's head: with MLflow tracking, a governance stage tags the registered model
/// version it governed with <c>llmops.audit.head</c> = <c>&lt;seq&gt;:&lt;hash&gt;</c> of the trail's last entry, so a
/// kept copy of the trail can be checked against the registry after the CI artifact has expired.
/// </summary>
public sealed class AuditHeadTagTests
{
    [Theory]
    [InlineData(MlflowServerVersion.V2_17_2)]
    [InlineData(MlflowServerVersion.V3_6)]
    public async Task Governing_a_package_tags_its_registered_version_with_the_audit_trails_head(MlflowServerVersion version)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var root = new TempDir();
        var environment = new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = server.BaseUri.ToString() };

        var (code, output, error) = await TrackedCli.RunAsync(root.Path, ["Govern"], environment, typeof(AuditedReleasePipeline));

        Assert.True(code == 0, output + error);
        var trail = AuditTrail.Open(root.Path).Verify();
        Assert.True(trail.Intact, string.Join("\n", trail.Problems));
        var head = trail.Head!;
        var governed = server.Store.Models[AuditedReleasePipeline.RegisteredModel].Versions.Single();
        Assert.Equal($"{head.Seq}:{head.Hash}", governed.Tags[AuditTrail.RegistryTag]);
        Assert.Equal("passed", governed.Tags["llmops.governance.before-deployment"]);
    }
}
