using LlmOps.Dsl;
using LlmOps.Governance.Audit;

namespace LlmOps.Governance.Tests.Dsl;

/// <summary>The governance kind asks CI to carry the audit trail from run to run; the emitters render it (tests/LlmOps.Emission.Tests/CarriedFileTests.cs).</summary>
public sealed class AuditInCiTests
{
    [Fact]
    public void A_governance_stage_asks_its_CI_job_to_carry_the_audit_trail_append_only()
    {
        var job = new CiJobRequirements();

        new GovernanceFeature(new Artifact<PackageArtifact>("intent-package")).Contribute(job);

        var carried = Assert.Single(job.CarriedFiles);
        Assert.Equal(("llmops-audit", ".llmops/audit/audit.jsonl", true), (carried.Name, carried.Path, carried.AppendOnly));
        Assert.Equal(StateLayout.Relative.Part("audit", AuditTrail.FileName), carried.Path);
    }
}
