using System.Text.Json.Nodes;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class PlatformFeatureTests
{
    // Pipelines that share stage definitions through a base class are loaded one at a time (see the report on StageGraph).
    private static readonly IReadOnlyList<GeneratedFile> Files = [.. Loaded.Generate(typeof(TrainPipeline)), .. Loaded.Generate(typeof(GroupedPipeline))];

    private static JsonNode Workflow(string name = "train") => YamlText.Parse(Loaded.File(Files, $".github/workflows/{name}.yml"));

    private static JsonNode AzureJob(string id, string path = "azure-pipelines-train.yml") => AzureYaml.Job(YamlText.Parse(Loaded.File(Files, path)), id);

    [Fact]
    public void Gpu_stages_run_on_the_gpu_runner_and_others_on_the_default()
    {
        Assert.Equal(["self-hosted", "linux", "gpu"], Workflow()["jobs"]!["Train"]!["runs-on"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("ubuntu-latest", Workflow()["jobs"]!["Evaluate"]!["runs-on"]!.GetValue<string>());
        Assert.Equal(["self-hosted", "linux", "a100"], Workflow("grouped")["jobs"]!["Train"]!["runs-on"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Gpu_stages_run_in_the_gpu_pool_with_demands_on_azure()
    {
        var pool = AzureJob("Train")["pool"]!;
        Assert.Equal("gpu", pool["name"]!.GetValue<string>());
        Assert.Equal(["gpu -equals true"], pool["demands"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("ubuntu-latest", AzureJob("Evaluate")["pool"]!["vmImage"]!.GetValue<string>());

        var custom = AzureJob("Train", "azure-pipelines.yml")["pool"]!;
        Assert.Equal("a100-pool", custom["name"]!.GetValue<string>());
        Assert.Equal(["gpu -equals true", "cuda"], custom["demands"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Theory]
    [InlineData(typeof(GpuOnHostedPipeline), "GpuOnHosted", "GitHub Actions workflow 'gpu-hosted'", "ubuntu-latest")]
    [InlineData(typeof(GpuOnHostedAzurePipeline), "GpuOnHostedAzure", "Azure Pipelines pipeline 'gpu-hosted'", "vmImage ubuntu-latest")]
    public void A_gpu_stage_on_a_runner_without_gpus_is_an_emission_error(Type pipeline, string name, string workflow, string runner)
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(pipeline));
        Assert.Contains(name, error.Message);
        Assert.Contains(workflow, error.Message);
        Assert.Contains($"stage {name}.Train needs 2 GPUs", error.Message);
        Assert.Contains(runner, error.Message);
    }

    [Fact]
    public void Deployment_stages_run_in_their_environment()
    {
        var deploy = Workflow()["jobs"]!["Deploy"]!;
        Assert.Equal("production", deploy["environment"]!["name"]!.GetValue<string>());
        Assert.Equal("https://example.com/models", deploy["environment"]!["url"]!.GetValue<string>());
        Assert.Null(Workflow()["jobs"]!["Train"]!["environment"]);

        var azure = AzureJob("Deploy_job");
        Assert.Equal("production", azure["environment"]!.GetValue<string>());
        var steps = azure["strategy"]!["runOnce"]!["deploy"]!["steps"]!.AsArray();
        Assert.Equal("none", steps[0]!["download"]!.GetValue<string>());
        Assert.Equal("self", steps[1]!["checkout"]!.GetValue<string>());
        // Deploy logs in to Azure, so its stage runs as an AzureCLI@2 task on the service connection.
        Assert.Contains(steps, s => s!["inputs"]?["inlineScript"]?.GetValue<string>().Contains("./build.sh Train.Deploy --skip --export .llmops/export") == true);
    }

    [Fact]
    public void Jobs_get_least_privilege_and_only_oidc_stages_an_identity_token()
    {
        var workflow = Workflow();
        Assert.Empty(workflow["permissions"]!.AsObject());
        foreach (var (name, job) in workflow["jobs"]!.AsObject())
        {
            var permissions = job!["permissions"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
            var expected = new Dictionary<string, string> { ["contents"] = "read" };
            if (name == "Deploy")
            {
                expected["id-token"] = "write";
            }

            Assert.Equal(expected, permissions);
        }
    }

    [Fact]
    public void Every_action_is_pinned_to_a_commit_from_the_pins_file_with_its_version_as_a_comment()
    {
        var text = Loaded.File(Files, ".github/workflows/train.yml");
        var uses = text.Split('\n').Where(l => l.TrimStart().StartsWith("uses:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(uses);
        foreach (var line in uses)
        {
            Assert.Matches(@"^\s+uses: [a-z-]+/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line);
            Assert.Contains(Emission.GitHub.ActionPins.BuiltIn.All, a => line.EndsWith($"uses: {a.Reference} # {a.Version}", StringComparison.Ordinal));
        }

        // Every job uses the actions/* pins but the attestation a stage asks for; of the login actions, only the one of the cloud Deploy logs in to.
        const string attestation = "actions/attest-build-provenance";
        Assert.All(Emission.GitHub.ActionPins.BuiltIn.All.Where(a => (a.Repository.StartsWith("actions/", StringComparison.Ordinal) && a.Repository != attestation) || a.Repository == "azure/login"), a => Assert.Contains(a.Reference, text));
        Assert.DoesNotContain(Emission.GitHub.ActionPins.BuiltIn.GoogleAuth.Reference, text);
        Assert.DoesNotContain(attestation, text);
    }

    [Fact]
    public void Secrets_reach_jobs_only_as_env_references_to_the_secret_store()
    {
        foreach (var file in Files)
        {
            Assert.DoesNotContain("hf_default_secret_value", file.Content);
        }

        var train = Workflow()["jobs"]!["Train"]!["steps"]!.AsArray().Single(s => s!["name"]?.GetValue<string>() == "Run Train.Train")!;
        Assert.Equal("${{ secrets.HF_TOKEN }}", train["env"]!["HF_TOKEN"]!.GetValue<string>());
        Assert.Equal("${{ inputs.epochs }}", train["env"]!["EPOCHS"]!.GetValue<string>());
        var azure = AzureJob("Train")["steps"]!.AsArray().Single(s => s!["displayName"]?.GetValue<string>() == "Run Train.Train")!;
        Assert.Equal("$(HF_TOKEN)", azure["env"]!["HF_TOKEN"]!.GetValue<string>());
        Assert.Equal("${{ parameters.epochs }}", azure["env"]!["EPOCHS"]!.GetValue<string>());

        // No secret is an input, and no script interpolates an expression or the event payload.
        Assert.Null(Workflow()["on"]!["workflow_dispatch"]!["inputs"]!["hf-token"]);
        foreach (var file in Files)
        {
            var scripts = YamlText.Descendants(YamlText.Parse(file.Content)).OfType<JsonObject>()
                .Select(o => (o["run"] ?? o["bash"])?.GetValue<string>()).OfType<string>().ToList();
            Assert.NotEmpty(scripts);
            Assert.All(scripts, s => Assert.DoesNotContain("${{", s));
            Assert.All(scripts, s => Assert.DoesNotContain("github.event", s));
            Assert.All(scripts, s => Assert.DoesNotContain("$(HF_TOKEN)", s));
        }
    }

    [Fact]
    public void Manual_dispatch_inputs_are_typed_from_parameters()
    {
        var inputs = Workflow()["on"]!["workflow_dispatch"]!["inputs"]!;
        Assert.Equal(["epochs", "learning-rate", "use-lora", "precision", "notes"], inputs.AsObject().Select(kv => kv.Key));
        Assert.Equal("number", inputs["epochs"]!["type"]!.GetValue<string>());
        Assert.Equal("3", inputs["epochs"]!["default"]!.GetValue<string>());
        Assert.Equal("number", inputs["learning-rate"]!["type"]!.GetValue<string>());
        Assert.Equal("boolean", inputs["use-lora"]!["type"]!.GetValue<string>());
        Assert.Equal("choice", inputs["precision"]!["type"]!.GetValue<string>());
        Assert.Equal(["Fp16", "Bf16"], inputs["precision"]!["options"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("Bf16", inputs["precision"]!["default"]!.GetValue<string>());
        Assert.Equal("string", inputs["notes"]!["type"]!.GetValue<string>());

        var parameters = YamlText.Parse(Loaded.File(Files, "azure-pipelines-train.yml"))["parameters"]!.AsArray();
        Assert.Equal(["epochs", "learning_rate", "use_lora", "precision", "notes"], parameters.Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(["number", "number", "boolean", "string", "string"], parameters.Select(p => p!["type"]!.GetValue<string>()));
    }

    [Fact]
    public void Triggers_timeouts_concurrency_and_caches_are_emitted()
    {
        var workflow = Workflow();
        Assert.Equal(["pipelines/train/**", "data/**"], workflow["on"]!["push"]!["paths"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("0 3 * * 1", workflow["on"]!["schedule"]![0]!["cron"]!.GetValue<string>());
        Assert.NotNull(workflow["on"]!["pull_request"]);
        Assert.Equal("${{ github.workflow }}-${{ github.event_name == 'pull_request' && github.ref || github.run_id }}", workflow["concurrency"]!["group"]!.GetValue<string>());
        Assert.Equal("100", workflow["jobs"]!["Train"]!["timeout-minutes"]!.GetValue<string>());
        Assert.Equal("70", workflow["jobs"]!["Validate"]!["timeout-minutes"]!.GetValue<string>());
        Assert.Equal("${{ !cancelled() }}", workflow["jobs"]!["Notify"]!["if"]!.GetValue<string>());

        var caches = workflow["jobs"]!["Train"]!["steps"]!.AsArray().Where(s => s!["uses"]?.GetValue<string>().StartsWith("actions/cache@", StringComparison.Ordinal) == true).ToList();
        Assert.Equal("~/.nuget/packages", caches[0]!["with"]!["path"]!.GetValue<string>());
        Assert.Contains("hashFiles('**/*.csproj')", caches[0]!["with"]!["key"]!.GetValue<string>());
        Assert.Equal(".llmops/store\n.llmops/cache\n", caches[1]!["with"]!["path"]!.GetValue<string>());
        Assert.Equal("build/bin", caches[2]!["with"]!["path"]!.GetValue<string>());

        var azure = YamlText.Parse(Loaded.File(Files, "azure-pipelines-train.yml"));
        Assert.Equal(["main"], azure["trigger"]!["branches"]!["include"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("100", AzureJob("Train")["timeoutInMinutes"]!.GetValue<string>());
        Assert.Equal("not(canceled())", AzureJob("Notify")["condition"]!.GetValue<string>());
        Assert.Equal(4, AzureJob("Train")["steps"]!.AsArray().Count(s => s!["task"]?.GetValue<string>() == "Cache@2"));
        Assert.Equal("none", YamlText.Parse(Loaded.File(Files, "azure-pipelines.yml"))["pr"]!.GetValue<string>());
    }
}
