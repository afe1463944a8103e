using System.Text.Json.Nodes;
using LlmOps.Dsl;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

/// <summary>Build once, artifact retention, a bounded store cache and deployment concurrency.</summary>
public sealed class CiCostTests
{
    private static readonly IReadOnlyList<GeneratedFile> Files = Loaded.Generate(typeof(TrainPipeline));

    private static JsonNode GitHub => YamlText.Parse(Loaded.File(Files, ".github/workflows/train.yml"));

    private static JsonNode Azure => YamlText.Parse(Loaded.File(Files, "azure-pipelines-train.yml"));

    private const string SourcesHash = "hashFiles('**/*.cs', '**/*.csproj', '**/*.props', '**/*.targets', 'global.json')";

    [Fact]
    public void Every_github_job_restores_the_build_program_keyed_on_its_sources_before_running_a_stage()
    {
        foreach (var (name, job) in GitHub["jobs"]!.AsObject())
        {
            var steps = job!["steps"]!.AsArray().Select(s => s!).ToList();
            var restore = steps.Single(s => s["id"]?.GetValue<string>() == "program");
            Assert.Equal("build/bin", restore["with"]!["path"]!.GetValue<string>());
            Assert.Equal($"llmops-program-${{{{ runner.os }}}}-${{{{ {SourcesHash} }}}}", restore["with"]!["key"]!.GetValue<string>());
            var mark = steps.Single(s => s["name"]?.GetValue<string>() == "Use the restored build program");
            Assert.Equal("steps.program.outputs.cache-hit == 'true'", mark["if"]!.GetValue<string>());
            Assert.Equal("mkdir -p .nuke/temp\ntouch .nuke/temp/build.stamp\n", mark["run"]!.GetValue<string>());
            var run = steps.FindIndex(s => s["run"]?.GetValue<string>().Contains("./build.sh", StringComparison.Ordinal) == true);
            Assert.True(steps.IndexOf(restore) < steps.IndexOf(mark) && steps.IndexOf(mark) < run, name);
        }
    }

    [Fact]
    public void Every_azure_job_restores_the_build_program_keyed_on_its_sources_before_running_a_stage()
    {
        foreach (var job in AzureYaml.Jobs(Azure))
        {
            var steps = (job["steps"] ?? job["strategy"]!["runOnce"]!["deploy"]!["steps"])!.AsArray().Select(s => s!).ToList();
            var restore = steps.Single(s => s["displayName"]?.GetValue<string>() == "Restore the compiled build program");
            Assert.Equal("llmops-program | \"$(Agent.OS)\" | **/*.cs, **/*.csproj, **/*.props, **/*.targets, global.json", restore["inputs"]!["key"]!.GetValue<string>());
            Assert.Equal("LLMOPS_PROGRAM_RESTORED", restore["inputs"]!["cacheHitVar"]!.GetValue<string>());
            var mark = steps.Single(s => s["displayName"]?.GetValue<string>() == "Use the restored build program");
            Assert.Equal("and(succeeded(), eq(variables['LLMOPS_PROGRAM_RESTORED'], 'true'))", mark["condition"]!.GetValue<string>());
            var run = steps.FindIndex(s => (s["bash"] ?? s["inputs"]?["inlineScript"])?.GetValue<string>().Contains("./build.sh", StringComparison.Ordinal) == true);
            Assert.True(steps.IndexOf(mark) < run);
        }
    }

    [Fact]
    public void Artifacts_are_kept_seven_days_unless_declared_otherwise()
    {
        var uploads = GitHub["jobs"]!.AsObject().SelectMany(j => j.Value!["steps"]!.AsArray()).Where(s => s!["name"]?.GetValue<string>().StartsWith("Upload ", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(uploads);
        Assert.All(uploads, u => Assert.Equal("7", u!["with"]!["retention-days"]!.GetValue<string>()));

        var declared = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(DeclaredCostsPipeline)), ".github/workflows/costs.yml"));
        Assert.Equal("30", declared["jobs"]!["Make"]!["steps"]!.AsArray().Single(s => s!["name"]?.GetValue<string>() == "Upload made")!["with"]!["retention-days"]!.GetValue<string>());
    }

    [Fact]
    public void The_store_cache_key_changes_with_the_sources_not_with_every_commit()
    {
        var github = GitHub["jobs"]!["Train"]!["steps"]!.AsArray().Single(s => s!["name"]?.GetValue<string>() == "Cache LlmOps store")!["with"]!["key"]!.GetValue<string>();
        Assert.Equal($"llmops-${{{{ runner.os }}}}-Train-${{{{ {SourcesHash} }}}}", github);
        var azure = AzureYaml.Job(Azure, "Train")["steps"]!.AsArray().Single(s => s!["displayName"]?.GetValue<string>() == "Cache LlmOps store")!["inputs"]!["key"]!.GetValue<string>();
        Assert.Equal("llmops-store | \"$(Agent.OS)\" | \"Train\" | **/*.cs, **/*.csproj, **/*.props, **/*.targets, global.json", azure);
        foreach (var file in Files)
        {
            Assert.DoesNotContain("github.sha", file.Content);
            Assert.DoesNotContain("Build.SourceVersion", file.Content);
        }

        var declared = YamlText.Parse(Loaded.File(Loaded.Generate(typeof(DeclaredCostsPipeline)), ".github/workflows/costs.yml"));
        Assert.Equal("llmops-${{ runner.os }}-Make-${{ hashFiles('data/**', 'src/**') }}", declared["jobs"]!["Make"]!["steps"]!.AsArray().Single(s => s!["name"]?.GetValue<string>() == "Cache LlmOps store")!["with"]!["key"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(typeof(BadRetentionPipeline), "RetainsArtifactsFor(0) is out of range; GitHub keeps artifacts 1 to 90 days")]
    [InlineData(typeof(BadCacheKeyPipeline), "CachesStoreByHashOf needs file patterns without quotes")]
    public void Declared_costs_outside_what_the_platform_takes_are_emission_errors(Type pipeline, string message)
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(pipeline));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_deployment_job_queues_per_environment_without_cancelling_and_the_workflow_blocks_no_other_run()
    {
        var jobs = GitHub["jobs"]!.AsObject();
        var deploy = jobs["Deploy"]!["concurrency"]!;
        Assert.Equal("deploy-production", deploy["group"]!.GetValue<string>());
        Assert.Equal("false", deploy["cancel-in-progress"]!.GetValue<string>());
        Assert.All(jobs.Where(j => j.Key != "Deploy"), j => Assert.Null(j.Value!["concurrency"]));

        // Only pull request runs share a workflow-level group (and cancel superseded ones); every other run has its own.
        var group = GitHub["concurrency"]!["group"]!.GetValue<string>();
        Assert.Contains("github.event_name == 'pull_request' && github.ref || github.run_id", group);
    }

    public class DeclaredCostsPipeline : Pipeline, IHasWorkflows
    {
        public Artifact<DatasetArtifact> Made => new("made");

        public Stage Make => _ => _.Produces(Made).Executes(_ => { });

        public virtual IEnumerable<WorkflowDefinition> Workflows =>
            [GitHubActions.Workflow("costs").OnPush("main").RetainsArtifactsFor(30).CachesStoreByHashOf("data/**", "src/**").Runs(Make)];
    }

    public sealed class BadRetentionPipeline : DeclaredCostsPipeline
    {
        public override string Name => "BadRetention";

        public override IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("costs").OnPush("main").RetainsArtifactsFor(0).Runs(Make)];
    }

    public sealed class BadCacheKeyPipeline : DeclaredCostsPipeline
    {
        public override string Name => "BadCacheKey";

        public override IEnumerable<WorkflowDefinition> Workflows => [AzurePipelines.Pipeline("costs").OnPush("main").CachesStoreByHashOf("data/'x'").Runs(Make)];
    }
}
