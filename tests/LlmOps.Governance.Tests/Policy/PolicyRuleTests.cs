using System.Text.Json;
using LlmOps.Dsl;
using LlmOps.Evaluation;
using LlmOps.Evaluation.Statistics;

namespace LlmOps.Governance.Tests.Policy;

public sealed class PolicyRuleTests
{
    private static GovernanceEvidence Evidence(Verdict? verdict = null, ModelCard? card = null, string? provenance = null, ApprovalRecord? approval = null) => new()
    {
        PackageName = "m",
        PackageVersion = "1",
        PackageDigest = "sha256:00",
        Verdict = verdict,
        ModelCard = card,
        Provenance = provenance is null ? null : JsonDocument.Parse(provenance).RootElement.Clone(),
        Approval = approval,
    };

    private static Verdict Sliced(double billing, double refund) => new(
        true, 200, 100, 1, "none", true, [],
        [
            new MetricResult("accuracy", "billing", 100, new Interval(billing, billing - 0.05, billing + 0.05, 0.95), null),
            new MetricResult("accuracy", "refund", 100, new Interval(refund, refund - 0.05, refund + 0.05, 0.95), null),
        ],
        [], []);

    private static RuleResult Judge(Action<GovernancePolicy> declare, GovernanceEvidence evidence)
    {
        var policy = new GovernancePolicy();
        declare(policy);
        return Assert.Single(policy.Rules).Check(evidence);
    }

    [Fact]
    public void A_slice_gap_above_the_bound_fails_naming_the_best_and_worst_slice()
    {
        var result = Judge(p => p.MaxSliceGap(0.1), Evidence(Sliced(0.95, 0.80)));

        Assert.False(result.Passed);
        Assert.Equal("slice gap above 0.1: accuracy gap 0.15 (billing 0.95 vs refund 0.8)", result.Detail);
        Assert.True(Judge(p => p.MaxSliceGap(0.2), Evidence(Sliced(0.95, 0.80))).Passed);
    }

    [Fact]
    public void A_model_card_field_counts_in_the_front_matter_or_as_a_section_but_not_as_a_placeholder()
    {
        var card = ModelCard.Parse("---\nlicense: apache-2.0\ntags:\n- a\n---\n\n# m\n\n## Intended use\n\nRouting.\n\n## Limitations\n\n_Not declared._\n");

        var result = Judge(p => p.ModelCardComplete("license", "intended_use", "limitations", "tags"), Evidence(card: card));

        Assert.False(result.Passed);
        Assert.Equal("the model card lacks limitations", result.Detail);
        Assert.Equal("Routing.", card.Get("intended_use"));
    }

    [Fact]
    public void Provenance_without_a_commit_or_a_dependency_digest_is_incomplete_and_says_which()
    {
        const string statement = """
            {"predicate":{"buildDefinition":{"resolvedDependencies":[{"name":"model:m","digest":{"sha256":"ab"}},{"name":"dataset:d","digest":{}}]},
             "runDetails":{"builder":{"id":"urn:llmops:builder:local"},"metadata":{"invocationId":"urn:llmops:run:1"}}}}
            """;

        var result = Judge(p => p.ProvenanceComplete(), Evidence(provenance: statement));

        Assert.False(result.Passed);
        Assert.Equal("the provenance lacks the source commit (a resolved dependency with a gitCommit digest), a digest for dataset:d", result.Detail);
    }

    [Fact]
    public void A_custom_rule_that_throws_is_a_failed_rule_and_names_are_checked_when_declared()
    {
        var governed = new GovernanceFeature(new Artifact<PackageArtifact>("p"));
        governed.Policy.Rule("needs-verdict", e => RuleResult.Of(e.Verdict!.Examples > 0, "examples"));

        var outcome = Assert.Single(GovernanceRun.Judge(governed, Evidence()));

        Assert.Equal("needs-verdict", outcome.Rule);
        Assert.False(outcome.Result.Passed);
        Assert.StartsWith("the rule threw NullReferenceException", outcome.Result.Detail);
        Assert.Throws<ArgumentException>(() => governed.Policy.Rule("needs-verdict", _ => RuleResult.Pass("again")));
        Assert.Throws<ArgumentException>(() => new GovernancePolicy().Rule("Bad Name", _ => RuleResult.Pass("x")));
    }

    [Fact]
    public void In_github_actions_the_approval_records_the_actor_and_the_run_where_the_reviewers_are_named()
    {
        var env = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_ACTOR"] = "alice", ["GITHUB_REPOSITORY"] = "acme/llm", ["GITHUB_RUN_ID"] = "99" };

        var approval = new ApprovalRequirement("production", "").Resolve(env.GetValueOrDefault, "Support.Govern");

        Assert.Equal(("alice", "github", "https://github.com/acme/llm/actions/runs/99"), (approval.Approver, approval.Source, approval.Link));
        Assert.Contains("required reviewers approved it", approval.Reason);
    }

    [Fact]
    public void Locally_an_approval_needs_a_reason_and_records_the_local_user()
    {
        var refused = Assert.Throws<StageFailedException>(() => new ApprovalRequirement("production", "").Resolve(_ => null, "Support.Govern"));
        var approval = new ApprovalRequirement("production", "hotfix").Resolve(name => name == "USER" ? "bob" : null, "Support.Govern");

        Assert.StartsWith("Support.Govern: deploying to production requires approval; pass --approve \"<reason>\"", refused.Message);
        Assert.Equal(("bob", "local", "hotfix"), (approval.Approver, approval.Source, approval.Reason));
    }

    [Fact]
    public void On_argo_the_approval_records_who_resumed_the_workflow_and_when()
    {
        var annotations = "{\"llmops.dev/approved-by\":\"ana\",\"llmops.dev/approved-at\":\"2026-12-03T07:10:00Z\",\"workflows.argoproj.io/pod-name-format\":\"v2\"}";

        var approval = new ApprovalRequirement("production", "").Resolve(name => name == "LLMOPS_RUN_ANNOTATIONS" ? annotations : null, "FineTune.Govern");

        Assert.Equal(("ana", "argo", null), (approval.Approver, approval.Source, approval.Link));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 7, 10, 0, TimeSpan.Zero), approval.When);
        Assert.Contains("./build.sh Resume", approval.Reason);
    }

    [Fact]
    public void On_argo_a_workflow_resumed_without_saying_who_approved_is_refused()
    {
        var refused = Assert.Throws<StageFailedException>(() => new ApprovalRequirement("production", "").Resolve(name => name == "LLMOPS_RUN_ANNOTATIONS" ? "{\"workflows.argoproj.io/pod-name-format\":\"v2\"}" : null, "FineTune.Govern"));

        Assert.StartsWith("FineTune.Govern: deploying to production requires approval, and the workflow records none", refused.Message);
    }

    [Fact]
    public void On_argo_an_approval_time_that_is_not_a_time_is_refused_naming_the_annotation()
    {
        var annotations = "{\"llmops.dev/approved-by\":\"ana\",\"llmops.dev/approved-at\":\"yesterday\"}";

        var refused = Assert.Throws<StageFailedException>(() => new ApprovalRequirement("production", "").Resolve(name => name == "LLMOPS_RUN_ANNOTATIONS" ? annotations : null, "FineTune.Govern"));

        Assert.StartsWith("FineTune.Govern: the workflow's annotation llmops.dev/approved-at is 'yesterday', not a time", refused.Message);
    }
}
