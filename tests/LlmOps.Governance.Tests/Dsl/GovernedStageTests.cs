using LlmOps.Governance.Audit;
using LlmOps.Governance.Tests.Pipelines;
using LlmOps.Packaging;

namespace LlmOps.Governance.Tests.Dsl;

public sealed class GovernedStageTests : IDisposable
{
    private readonly GovernedRoot _root = new();

    public void Dispose() => _root.Dispose();

    private string Export => Path.Combine(_root.Root, "export");

    private string KeyPem => File.ReadAllText(Path.Combine(_root.Root, GovernedPipeline.KeyFile));

    [Fact]
    public void A_release_that_meets_the_policy_is_approved_signed_audited_deployed_and_verified_after_deployment()
    {
        var (code, output, error) = _root.Run("GovernDeployed", "--approve", "release for ticket 7", "--governance-key", KeyPem, "--export", Export);

        Assert.True(code == 0, output + error);
        var record = GovernanceRecord.Read(File.ReadAllText(Path.Combine(Export, "governance", GovernanceRecord.FileName)));
        Assert.True(record.Passed);
        Assert.Equal(["data-validated", "no-pii-errors", "gate-passed", "package-signed", "model-card-complete", "licenses-allowed", "max-slice-gap", "provenance-complete", "enough-examples", "approved"], record.Rules.Select(r => r.Rule));
        Assert.Equal(("production", "local", "release for ticket 7"), (record.Approval!.Environment, record.Approval.Source, record.Approval.Reason));
        Assert.Contains("| package-signed | pass |", File.ReadAllText(Path.Combine(Export, "governance", GovernanceMarkdown.FileName)));
        Assert.Contains("<section class=\"governance\"", File.ReadAllText(Path.Combine(Export, "governance", GovernanceHtml.FileName)));

        // The record is signed with the same DSSE and P-256 machinery as the package, and verifies with the public key.
        var envelope = System.Text.Json.JsonSerializer.Deserialize<DsseEnvelope>(File.ReadAllText(Path.Combine(Export, "governance", GovernanceRecord.SignedFileName)), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        using var key = SigningKey.FromPem(KeyPem, "test key");
        Assert.True(key.Verifies(Dsse.PreAuthenticationEncoding(envelope.PayloadType, envelope.PayloadBytes()), Convert.FromBase64String(envelope.Signatures[0].Sig)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Export, "governance", GovernanceRecord.FileName)), envelope.PayloadBytes());

        var trail = AuditTrail.Open(_root.Root).Verify();
        Assert.True(trail.Intact, string.Join("\n", trail.Problems));
        Assert.Equal([AuditKinds.Gate, AuditKinds.Policy, AuditKinds.Approval, AuditKinds.Policy], trail.Entries.Select(e => e.Kind));
        Assert.Equal("before-deployment", trail.Entries[1].Details["phase"]);
        Assert.Equal("after-deployment", trail.Entries[3].Details["phase"]);
        Assert.Equal(record.Audit!.Seq, trail.Entries[2].Seq);
        Assert.Contains("deployed-bytes-verified: pass", _root.StageLog("GovernDeployed"));
    }

    [Fact]
    public void Run_locally_without_approve_the_stage_fails_telling_the_user_to_pass_it_and_nothing_deploys()
    {
        var (code, output, error) = _root.Run("Deploy");

        Assert.Equal(1, code);
        Assert.Contains("deploying to production requires approval; pass --approve \"<reason>\"", _root.StageLog("Govern"));
        Assert.False(Directory.Exists(Path.Combine(_root.Root, "deployed")), output + error);
    }

    [Theory]
    [InlineData("unsigned", "rule 'package-signed': package lookup-model", "is not signed, and this pipeline requires signing")]
    [InlineData("signature", "rule 'package-signed': verification failed: signature", "")]
    [InlineData("byte", "rule 'package-signed': verification failed", "does not match the manifest")]
    public void A_tampered_package_fails_governance_with_a_sentence_naming_what_and_is_not_deployed(string tamper, string expected, string also)
    {
        var (code, output, error) = _root.Run("Deploy", "--tamper", tamper, "--approve", "try it");

        Assert.Equal(1, code);
        var log = _root.StageLog("Govern");
        Assert.Contains(expected, log);
        Assert.Contains(also, log);
        Assert.False(Directory.Exists(Path.Combine(_root.Root, "deployed")), output + error);
        var policy = AuditTrail.Open(_root.Root).Verify().Entries.Last(e => e.Kind == AuditKinds.Policy);
        Assert.Equal("false", policy.Details["passed"]);
    }

    [Fact]
    public void A_license_outside_the_allowlist_fails_naming_the_component_and_its_license()
    {
        var (code, _, _) = _root.Run("Govern", "--allowed-licenses", "mit", "--approve", "try it");

        Assert.Equal(1, code);
        Assert.Contains("rule 'licenses-allowed': ", _root.StageLog("Govern"));
        Assert.Contains("machine-learning-model lookup-model is licensed Apache-2.0, not in the allowlist (mit)", _root.StageLog("Govern"));
    }

    [Fact]
    public void A_failed_policy_rule_is_annotated_at_the_pipeline_line_that_declared_it()
    {
        var (code, _, _) = _root.Run("Govern", "--allowed-licenses", "mit", "--approve", "try it");

        Assert.Equal(1, code);
        // LicensesAllowed takes a params list, so it cannot take its caller's line: it points at the .Policy(...) call.
        var source = File.ReadAllLines(GovernedPipeline.SourceFile);
        var line = Array.FindIndex(source, l => l.Contains(".Policy(p => p.DataValidated(", StringComparison.Ordinal)) + 1;
        Assert.True(line > 0);
        var log = _root.StageLog("Govern");
        Assert.True(log.Contains($"GovernedPipeline.cs:{line}: error: policy rule licenses-allowed failed: ", StringComparison.Ordinal), log);
        Assert.DoesNotContain("policy rule package-signed failed", _root.StageLog("Govern"));
    }

    [Fact]
    public void Deployed_bytes_changed_after_deployment_fail_the_check_after_deployment()
    {
        Assert.Equal(0, _root.Run("GovernDeployed", "--approve", "ship").Code);
        var archive = Directory.EnumerateFiles(Path.Combine(_root.Root, "deployed"), PackageLayout.Archive, SearchOption.AllDirectories).Single();
        File.AppendAllText(archive, "x");

        var (code, _, _) = _root.Run("GovernDeployed", "--approve", "ship");

        Assert.Equal(1, code);
        Assert.Contains("rule 'deployed-bytes-verified': the deployed bytes are not the verified package lookup-model", _root.StageLog("GovernDeployed"));
    }

    [Fact]
    public void A_gate_override_lands_in_the_audit_trail_with_who_and_why_once()
    {
        var (code, output, error) = _root.Run("Govern", "--quality", "0.86", "--override-gate", "min-accuracy", "--reason", "hotfix 42", "--approve", "hotfix");
        Assert.True(code == 0, output + error);
        Assert.Equal(0, _root.Run("Govern", "--quality", "0.86", "--override-gate", "min-accuracy", "--reason", "hotfix 42", "--approve", "hotfix again").Code);

        var entries = AuditTrail.Open(_root.Root).Verify().Entries;
        var overridden = Assert.Single(entries, e => e.Kind == AuditKinds.Override);
        Assert.Equal("hotfix 42", overridden.Details["reason"]);
        Assert.Equal("min-accuracy", overridden.Details["rule"]);
        Assert.False(string.IsNullOrWhiteSpace(overridden.Actor));
        Assert.Single(entries, e => e.Kind == AuditKinds.Gate);
    }

    [Fact]
    public void The_audit_command_prints_the_trail_and_verify_names_an_edited_entry()
    {
        Assert.Equal(0, _root.Run("Govern", "--approve", "first").Code);

        var (printed, listing, _) = _root.Run("Audit");
        var (intact, verified, _) = _root.Run("Audit", "--verify");
        var lines = File.ReadAllLines(_root.AuditFile);
        lines[1] = lines[1].Replace("\"passed\":\"true\"", "\"passed\":\"false\"", StringComparison.Ordinal);
        File.WriteAllLines(_root.AuditFile, lines);
        var (broken, _, problems) = _root.Run("Audit", "--verify");

        Assert.Equal((0, 0, 1), (printed, intact, broken));
        Assert.Contains("#2 ", listing);
        Assert.Contains("approval lookup-model", listing);
        Assert.Contains("the chain is intact", verified);
        Assert.Contains("tampered: entry seq 2 (line 2, policy lookup-model", problems);
    }
}
