using System.Net;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using LlmOps.Emission.Argo.Tests.Support;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>The fake Kubernetes API server refuses what the real one refuses, and what would hide a client's bug.</summary>
public sealed class FakeKubernetesApiTests
{
    private const string Workflow = """{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{"generateName":"train-"},"spec":{"workflowTemplateRef":{"name":"train"}}}""";

    [Fact]
    public async Task An_apply_without_a_field_manager_gets_the_servers_422_on_PatchOptions()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = new Kubernetes(api.Configuration);

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"apiVersion":"argoproj.io/v1alpha1","kind":"WorkflowTemplate","metadata":{"name":"train"}}""", V1Patch.PatchType.ApplyPatch),
            "argoproj.io", "v1alpha1", "llmops", "workflowtemplates", "train", dryRun: "All", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
        var status = JsonDocument.Parse(refused.Response.Content).RootElement;
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", status.GetProperty("message").GetString());
        Assert.Equal("fieldManager", status.GetProperty("details").GetProperty("causes")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_create_with_no_dry_run_before_it_is_refused()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = new Kubernetes(api.Configuration);

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(
            JsonDocument.Parse(Workflow).RootElement, "argoproj.io", "v1alpha1", "llmops", "workflows", fieldManager: "llmops", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Response.StatusCode);
        Assert.Contains("without its dry run", refused.Response.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dryrun=All", 400, "unknown query parameter 'dryrun'")]
    [InlineData("dryRun=all", 422, "CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"all\"}")]
    [InlineData("dryRun=All&fieldValidation=strict", 422, "fieldValidation: Unsupported value: \"strict\"")]
    public async Task A_misspelt_option_of_a_create_is_refused(string query, int code, string message)
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync($"{api.Address}/apis/argoproj.io/v1alpha1/namespaces/llmops/workflows?{query}", new StringContent(Workflow, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(code, (int)response.StatusCode);
        var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Contains(message, status.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_create_then_the_real_one_is_accepted_and_named()
    {
        await using var api = await FakeKubernetesApi.StartAsync();
        using var client = new Kubernetes(api.Configuration);
        var body = JsonDocument.Parse(Workflow).RootElement;
        var cancel = TestContext.Current.CancellationToken;

        await client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(body, "argoproj.io", "v1alpha1", "llmops", "workflows", dryRun: "All", fieldManager: "llmops", fieldValidation: "Strict", cancellationToken: cancel);
        var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(body, "argoproj.io", "v1alpha1", "llmops", "workflows", fieldManager: "llmops", fieldValidation: "Strict", cancellationToken: cancel);

        Assert.Equal("train-7xk2p", created.GetProperty("metadata").GetProperty("name").GetString());
    }
}
