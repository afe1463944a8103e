using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LlmOps.Deployment.Tests;

/// <summary>The Kubernetes target applying through the official client to <see cref="FakeKubernetesApi"/> over real HTTP.</summary>
public sealed class KubernetesApplyTests : IAsyncLifetime
{
    private const string DeploymentPath = "/apis/apps/v1/namespaces/models/deployments/support-intent";
    private const string ServicePath = "/api/v1/namespaces/models/services/support-intent";

    private readonly string _root = Directory.CreateTempSubdirectory("llmops-k8s-apply-").FullName;
    private readonly FakeKubernetesApi _api = new();
    private readonly List<string> _log = [];
    private string _kubeconfig = "";

    public ValueTask InitializeAsync()
    {
        _kubeconfig = _api.WriteKubeconfig(_root);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_version_is_dry_run_then_applied_and_its_rollout_watched_to_ready()
    {
        var outcome = await Target().DeployAsync(Request("v-1"), Ct);

        Assert.Equal(("deployed", "v-1"), (outcome.Status, outcome.Serving));
        Assert.Equal(["render", "read", "dry-run", "apply", "rollout", "smoke"], outcome.Steps.Select(s => s.Name));
        Assert.Contains("not run: no SmokeAddress", outcome.Steps[^1].Detail, StringComparison.Ordinal);
        var patches = _api.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(4, patches.Count);
        Assert.All(patches, p => Assert.StartsWith("application/apply-patch+yaml", p.ContentType, StringComparison.Ordinal));
        Assert.All(patches, p => Assert.Contains("fieldManager=llmops", p.Target, StringComparison.Ordinal));
        Assert.All(patches, p => Assert.Contains("fieldValidation=Strict", p.Target, StringComparison.Ordinal));
        Assert.All(patches, p => Assert.Contains("force=true", p.Target, StringComparison.Ordinal));
        Assert.Equal([true, true, false, false], patches.Select(p => p.Target.Contains("dryRun=All", StringComparison.Ordinal)));
        Assert.Contains(_api.Requests, r => r.Method == "GET" && r.Target.Contains("watch=true", StringComparison.Ordinal) && r.Target.Contains("fieldSelector=metadata.name", StringComparison.Ordinal));
        Assert.All(_api.Requests, r => Assert.True(r.Authorized));
        Assert.Equal(Image("v-1"), (string?)_api.Stored(DeploymentPath)!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.NotNull(_api.Stored(ServicePath));
        var record = JsonSerializer.Serialize(outcome, DeploymentJson.Options) + string.Join("\n", _log) + File.ReadAllText(StateFile);
        Assert.DoesNotContain(FakeKubernetesApi.Token, record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_whose_rollout_exceeds_its_deadline_is_rolled_back_to_the_previous_spec()
    {
        await Target().DeployAsync(Request("v-1"), Ct);
        _api.FailingImages.Add(Image("v-2"));

        var failed = await Assert.ThrowsAsync<DeploymentException>(() => Target().DeployAsync(Request("v-2"), Ct));

        Assert.Contains("progress deadline", failed.Message, StringComparison.Ordinal);
        Assert.True(failed.Message.Contains("v-1 serves", StringComparison.Ordinal), failed.Message);
        var live = _api.Stored(DeploymentPath)!;
        Assert.Equal(Image("v-1"), (string?)live["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal("v-1", (string?)live["metadata"]!["annotations"]!["llmops.dev/model-version"]);
        Assert.Equal(1, (int?)live["status"]!["availableReplicas"]);
        var state = State();
        Assert.Equal(("v-1", "failed", "v-1"), (state.Active, state.Last!.Status, state.Last.Serving));
        Assert.Contains(state.Last.Steps, s => s.Name == "restore");
    }

    [Fact]
    public async Task An_object_the_api_server_refuses_in_the_dry_run_is_never_applied()
    {
        await Target().DeployAsync(Request("v-1"), Ct);
        var before = _api.Requests.Count;

        var refused = await Assert.ThrowsAsync<DeploymentException>(() => Target(o => (o.CpuRequest, o.CpuLimit) = ("2", "1")).DeployAsync(Request("v-2"), Ct));

        Assert.Contains("dry run", refused.Message, StringComparison.Ordinal);
        Assert.Contains("(422)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("spec.template.spec.containers[0].resources.requests", refused.Message, StringComparison.Ordinal);
        Assert.Contains("v-1 keeps serving", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Requests.Skip(before), r => r.Method == "PATCH" && !r.Target.Contains("dryRun=All", StringComparison.Ordinal));
        Assert.Equal("v-1", (string?)_api.Stored(DeploymentPath)!["metadata"]!["annotations"]!["llmops.dev/model-version"]);
    }

    [Fact]
    public async Task A_ready_version_that_fails_the_smoke_evaluation_at_the_smoke_address_is_rolled_back()
    {
        await Target().DeployAsync(Request("v-1"), Ct);
        using var wrong = new FixedAnswerModel("billing");

        var failed = await Assert.ThrowsAsync<DeploymentException>(() => Target(o => o.SmokeAddress = wrong.Address).DeployAsync(Request("v-2"), Ct));

        Assert.Contains("failed the smoke evaluation", failed.Message, StringComparison.Ordinal);
        Assert.Contains("got label = \"billing\"", failed.Message, StringComparison.Ordinal);
        Assert.Equal("v-1", (string?)_api.Stored(DeploymentPath)!["metadata"]!["annotations"]!["llmops.dev/model-version"]);
        Assert.Equal("v-1", State().Active);
    }

    [Fact]
    public async Task A_ready_version_that_passes_the_smoke_evaluation_at_the_smoke_address_serves()
    {
        using var right = new FixedAnswerModel("shipping");

        var outcome = await Target(o => o.SmokeAddress = right.Address).DeployAsync(Request("v-1"), Ct);

        Assert.Equal(("deployed", "v-1", right.Address.ToString()), (outcome.Status, outcome.Serving, outcome.Address));
        Assert.Contains(outcome.Steps, s => s.Name == "smoke" && s.Detail.Contains("1 case(s) passed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_first_version_that_never_becomes_ready_is_removed_and_the_record_says_nothing_serves()
    {
        _api.FailingImages.Add(Image("v-1"));

        var failed = await Assert.ThrowsAsync<DeploymentException>(() => Target().DeployAsync(Request("v-1"), Ct));

        Assert.Contains("nothing serves", failed.Message, StringComparison.Ordinal);
        Assert.Null(_api.Stored(DeploymentPath));
        Assert.Null(_api.Stored(ServicePath));
        Assert.Equal((null, "failed", null), (State().Active, State().Last!.Status, State().Last!.Serving));
    }

    [Fact]
    public async Task Rollback_reapplies_the_kept_manifests_of_the_version_before()
    {
        await Target().DeployAsync(Request("v-1"), Ct);
        await Target().DeployAsync(Request("v-2"), Ct);

        var outcome = await Target().RollbackAsync(new RollbackRequest("support-intent", null, _root, _log.Add, Variables), Ct);

        Assert.Equal(("rolled-back", "v-1", "v-2"), (outcome.Status, outcome.Serving, outcome.Previous));
        Assert.Equal(Image("v-1"), (string?)_api.Stored(DeploymentPath)!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal("v-1", State().Active);
    }

    [Fact]
    public async Task An_inference_service_is_applied_and_serves_once_kserve_reports_it_ready()
    {
        var outcome = await Target(o => o.Flavor = ManifestFlavor.KServe).DeployAsync(Request("v-1"), Ct);

        Assert.Equal(("deployed", "v-1"), (outcome.Status, outcome.Serving));
        Assert.Contains("is Ready", outcome.Reason, StringComparison.Ordinal);
        Assert.NotNull(_api.Stored("/apis/serving.kserve.io/v1beta1/namespaces/models/inferenceservices/support-intent"));
    }

    [Fact]
    public async Task A_kubeconfig_that_does_not_exist_is_named_and_nothing_is_sent()
    {
        var request = Request("v-1") with { Variables = name => name == "KUBECONFIG" ? Path.Combine(_root, "missing-kubeconfig") : Image("v-1") };

        var refused = await Assert.ThrowsAsync<DeploymentException>(() => Target().DeployAsync(request, Ct));

        Assert.Contains("missing-kubeconfig does not exist", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string StateFile => Path.Combine(StateLayout.Of(_root).Deployments, "support-intent", KubernetesTarget.StateFile);

    private TargetState State() => JsonSerializer.Deserialize<TargetState>(File.ReadAllText(StateFile), DeploymentJson.Options)!;

    private string? Variables(string name) => name switch
    {
        "KUBECONFIG" => _kubeconfig,
        _ => null,
    };

    /// <summary>Each version's image, by a digest of its own.</summary>
    private static string Image(string version) =>
        "registry.example/support-intent@sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(version)));

    private DeploymentRequest Request(string version)
    {
        var variables = (Func<string, string?>)(name => name == "LLMOPS_SERVING_IMAGE" ? Image(version) : Variables(name));
        return new DeploymentRequest("support-intent", Packages.Good(_root, version), [SmokeCase.Classify("where is my parcel", "shipping")], 3, _root, _log.Add, variables);
    }

    private static KubernetesTarget Target(Action<KubernetesTargetOptions>? configure = null) => DeployTarget.Kubernetes(o =>
    {
        o.Namespace = "models";
        o.RolloutTimeout = TimeSpan.FromSeconds(20);
        configure?.Invoke(o);
    });
}
