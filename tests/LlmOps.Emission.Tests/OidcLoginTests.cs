using System.Text.Json.Nodes;
using LlmOps.Emission.GitHub;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

public sealed class OidcLoginTests
{
    private static readonly IReadOnlyList<GeneratedFile> Files = Loaded.Generate(typeof(OidcPipeline));

    private static JsonArray GitHubSteps(string job) => YamlText.Parse(Loaded.File(Files, ".github/workflows/oidc.yml"))["jobs"]![job]!["steps"]!.AsArray();

    [Theory]
    [InlineData("ToAzure", "azure/login", "client-id=${{ vars.AZURE_CLIENT_ID }} tenant-id=${{ vars.AZURE_TENANT_ID }} subscription-id=${{ vars.AZURE_SUBSCRIPTION_ID }}")]
    [InlineData("ToAws", "aws-actions/configure-aws-credentials", "role-to-assume=${{ vars.AWS_ROLE_ARN }} aws-region=${{ vars.AWS_REGION }}")]
    [InlineData("ToGcp", "google-github-actions/auth", "workload_identity_provider=${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }} service_account=${{ vars.GCP_SERVICE_ACCOUNT }}")]
    public void A_stage_that_logs_in_with_oidc_gets_the_clouds_login_step_pinned_by_sha_before_it_runs(string job, string repository, string with)
    {
        var steps = GitHubSteps(job);
        var pin = ActionPins.BuiltIn.All.Single(p => p.Repository == repository);
        var login = steps.Single(s => s!["uses"]?.GetValue<string>() == pin.Reference)!;
        Assert.Matches("^[0-9a-f]{40}$", pin.Sha);
        Assert.Equal("node24", pin.Runtime);
        Assert.Equal(with, string.Join(" ", login["with"]!.AsObject().Select(kv => $"{kv.Key}={kv.Value!.GetValue<string>()}")));
        Assert.True(steps.IndexOf(login) < steps.IndexOf(steps.Single(s => s!["run"]?.GetValue<string>().Contains("./build.sh", StringComparison.Ordinal) == true)));
        Assert.Contains($"uses: {pin.Reference} # {pin.Version}", Loaded.File(Files, ".github/workflows/oidc.yml"));

        var workflow = YamlText.Parse(Loaded.File(Files, ".github/workflows/oidc.yml"));
        Assert.Equal("write", workflow["jobs"]![job]!["permissions"]!["id-token"]!.GetValue<string>());
    }

    [Fact]
    public void A_stage_without_a_login_gets_no_login_step_and_no_identity_token()
    {
        var logins = ActionPins.BuiltIn.All.Where(p => p.Repository is "azure/login" or "aws-actions/configure-aws-credentials" or "google-github-actions/auth").Select(p => p.Reference).ToHashSet();
        Assert.DoesNotContain(GitHubSteps("Plain"), s => logins.Contains(s!["uses"]?.GetValue<string>() ?? ""));
        Assert.Null(YamlText.Parse(Loaded.File(Files, ".github/workflows/oidc.yml"))["jobs"]!["Plain"]!["permissions"]!["id-token"]);
    }

    [Fact]
    public void On_azure_the_stage_runs_under_the_declared_service_connection()
    {
        var azure = YamlText.Parse(Loaded.File(Files, "azure-pipelines-oidc.yml"));
        var run = AzureYaml.Job(azure, "ToAzure")["steps"]!.AsArray().Single(s => s!["displayName"]?.GetValue<string>() == "Run Oidc.ToAzure")!;
        Assert.Equal("AzureCLI@2", run["task"]!.GetValue<string>());
        Assert.Equal("arm-federated", run["inputs"]!["azureSubscription"]!.GetValue<string>());
        Assert.Equal("bash", run["inputs"]!["scriptType"]!.GetValue<string>());
        Assert.Contains("./build.sh Oidc.ToAzure --skip --export .llmops/export", run["inputs"]!["inlineScript"]!.GetValue<string>());

        var plain = AzureYaml.Job(azure, "Plain")["steps"]!.AsArray().Single(s => s!["displayName"]?.GetValue<string>() == "Run Oidc.Plain")!;
        Assert.NotNull(plain["bash"]);
    }

    [Theory]
    [InlineData(typeof(OidcWithoutConnectionPipeline), "job 'ToAzure' logs in to azure with OIDC; name its service connection (workload identity federation) with .UsesServiceConnection(\"name\")")]
    [InlineData(typeof(AwsOnAzurePipeline), "job 'ToAws' logs in to 'aws' with OIDC, which Azure Pipelines has no built-in login for")]
    [InlineData(typeof(UnknownCloudPipeline), "job 'ToElsewhere' logs in to 'elsewhere' with OIDC, which the emitter cannot log in to; use one of azure, aws, gcp")]
    public void A_login_that_cannot_be_emitted_is_an_emission_error(Type pipeline, string message)
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(pipeline));
        Assert.Contains(message, error.Message);
    }
}
