using System.Text.Json.Nodes;
using LlmOps.Dsl;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

/// <summary>A stage kind asks for a marketplace action after its stages (a keyless attestation); only its job runs it and gets its permissions.</summary>
public sealed class CiActionStepTests
{
    private static JsonNode Jobs(Type pipeline) =>
        YamlText.Parse(Loaded.File(Loaded.Generate(pipeline), ".github/workflows/attested.yml"))["jobs"]!;

    [Fact]
    public void The_action_runs_pinned_by_sha_after_the_stage_with_its_permissions_on_that_job_only()
    {
        var jobs = Jobs(typeof(AttestedPipeline));
        var pack = jobs["Pack"]!;

        var steps = pack["steps"]!.AsArray().Select(s => s!).ToList();
        var run = steps.FindIndex(s => s["name"]?.GetValue<string>() == "Run Attested.Pack");
        var attest = steps.FindIndex(s => s["uses"]?.GetValue<string>().StartsWith("actions/attest-build-provenance@", StringComparison.Ordinal) == true);
        Assert.True(attest > run && run >= 0, "the attestation follows the stage");
        Assert.Matches("^actions/attest-build-provenance@[0-9a-f]{40}$", steps[attest]["uses"]!.GetValue<string>());
        Assert.Equal(".llmops/attestations/demo.sha256", steps[attest]["with"]!["subject-checksums"]!.GetValue<string>());
        Assert.Equal("write", pack["permissions"]!["id-token"]!.GetValue<string>());
        Assert.Equal("write", pack["permissions"]!["attestations"]!.GetValue<string>());
        Assert.Equal("read", pack["permissions"]!["contents"]!.GetValue<string>());

        var prepare = jobs["Prepare"]!;
        Assert.Null(prepare["permissions"]!["id-token"]);
        Assert.Null(prepare["permissions"]!["attestations"]);
        Assert.DoesNotContain(prepare["steps"]!.AsArray(), s => s!["uses"]?.GetValue<string>().StartsWith("actions/attest", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void An_action_the_pins_file_does_not_pin_is_an_emission_error_naming_it()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(UnpinnedPipeline)));

        Assert.Contains("uses acme/unpinned, which", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not pin", error.Message, StringComparison.Ordinal);
    }

    private sealed record Attestation(string Action) : ICiJobContributor
    {
        public void Contribute(CiJobRequirements job) =>
            job.AddActionStep(new CiActionStep("Attest", Action, new Dictionary<string, string> { ["subject-checksums"] = ".llmops/attestations/demo.sha256" }, ["id-token: write", "attestations: write"]));
    }

    public sealed class AttestedPipeline : Pipeline, IHasWorkflows
    {
        public Stage Prepare => _ => _.Executes(_ => { });

        public Stage Pack => _ => _.DependsOn(Prepare).With(new Attestation("actions/attest-build-provenance")).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("attested").OnPush("main").Runs(Pack)];
    }

    public sealed class UnpinnedPipeline : Pipeline, IHasWorkflows
    {
        public Stage Pack => _ => _.With(new Attestation("acme/unpinned")).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("attested").OnPush("main").Runs(Pack)];
    }
}
