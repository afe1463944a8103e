using System.Text.Json.Nodes;

namespace LlmOps.Deployment.Tests;

public sealed class ManifestRenderingTests : IDisposable
{
    private const string Digest = "registry.example/support-intent@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly string _root = Directory.CreateTempSubdirectory("llmops-k8s-render-").FullName;

    [Fact]
    public void A_deployment_and_service_as_written_in_yaml_match_the_kubernetes_schema()
    {
        var documents = YamlDocuments.Parse(Yaml(Target()));

        Assert.Equal(["Service", "Deployment"], documents.Select(d => (string?)d["kind"]));
        foreach (var document in documents)
        {
            var problems = KubernetesSchemas.Problems(document);
            Assert.True(problems.Count == 0, $"{document["kind"]}: {string.Join("; ", problems)}");
        }
    }

    [Fact]
    public void An_inference_service_as_written_in_yaml_matches_the_kserve_crd_schema()
    {
        var documents = YamlDocuments.Parse(Yaml(Target(o => (o.Flavor, o.Gpus) = (ManifestFlavor.KServe, 1))));

        var service = Assert.Single(documents);
        Assert.Equal(("serving.kserve.io/v1beta1", "InferenceService"), ((string?)service["apiVersion"], (string?)service["kind"]));
        var problems = KubernetesSchemas.Problems(service);
        Assert.True(problems.Count == 0, string.Join("; ", problems));
        Assert.Equal(Digest, (string?)service["spec"]!["predictor"]!["containers"]![0]!["image"]);
    }

    [Fact]
    public void The_schema_check_rejects_an_unknown_field_and_a_quantity_written_as_a_number()
    {
        var yaml = Yaml(Target(o => o.CpuLimit = "2"));
        var misspelt = YamlDocuments.Parse(yaml.Replace("readinessProbe:", "readynessProbe:", StringComparison.Ordinal))[1];
        var bare = YamlDocuments.Parse(yaml.Replace("cpu: \"2\"", "cpu: 2", StringComparison.Ordinal))[1];

        Assert.Contains(KubernetesSchemas.Problems(misspelt), p => p.Contains("readynessProbe", StringComparison.Ordinal));
        Assert.Contains(KubernetesSchemas.Problems(bare), p => p.Contains("/resources/limits/cpu", StringComparison.Ordinal));
    }

    [Fact]
    public void Resources_probes_gpus_security_and_version_labels_are_rendered_with_quantities_as_strings()
    {
        var yaml = Yaml(Target(o => (o.CpuRequest, o.CpuLimit, o.MemoryRequest, o.MemoryLimit, o.Gpus, o.Replicas) = ("500m", "2", "1Gi", "2Gi", 2, 3)));
        var deployment = YamlDocuments.Parse(yaml)[1];
        var pod = deployment["spec"]!["template"]!;
        var container = pod["spec"]!["containers"]![0]!;

        Assert.Contains("cpu: \"2\"", yaml, StringComparison.Ordinal);
        Assert.Contains("nvidia.com/gpu: \"2\"", yaml, StringComparison.Ordinal);
        Assert.Equal("""{"cpu":"2","memory":"2Gi","nvidia.com/gpu":"2"}""", container["resources"]!["limits"]!.ToJsonString());
        Assert.Equal("""{"cpu":"500m","memory":"1Gi"}""", container["resources"]!["requests"]!.ToJsonString());
        Assert.Equal(("/health", "/health"), ((string?)container["readinessProbe"]!["httpGet"]!["path"], (string?)container["livenessProbe"]!["httpGet"]!["path"]));
        Assert.Equal(Digest, (string?)container["image"]);
        Assert.Equal((true, 10001L, false, true), ((bool?)pod["spec"]!["securityContext"]!["runAsNonRoot"], (long?)container["securityContext"]!["runAsUser"],
            (bool?)container["securityContext"]!["allowPrivilegeEscalation"], (bool?)container["securityContext"]!["readOnlyRootFilesystem"]));
        Assert.Equal("nvidia.com/gpu", (string?)pod["spec"]!["tolerations"]![0]!["key"]);
        Assert.Equal(("v-7", "v-7", "support-intent"), ((string?)pod["metadata"]!["labels"]!["llmops.dev/model-version"],
            (string?)deployment["metadata"]!["labels"]!["app.kubernetes.io/version"], (string?)pod["metadata"]!["labels"]!["llmops.dev/model"]));
        Assert.Null(deployment["spec"]!["selector"]!["matchLabels"]!["llmops.dev/model-version"]);
        Assert.Equal(3L, (long?)deployment["spec"]!["replicas"]);
    }

    [Theory]
    [InlineData(ManifestFlavor.DeploymentAndService, 1, "deployment-and-service-gpu.yaml")]
    [InlineData(ManifestFlavor.KServe, 0, "kserve.yaml")]
    public void The_rendered_yaml_is_the_reviewed_golden_file(ManifestFlavor flavor, int gpus, string golden)
    {
        // Golden/*.yaml is what a reviewer reads; a change to the rendering shows up as a diff there.
        var actual = Yaml(Target(o => (o.Flavor, o.Gpus) = (flavor, gpus)));
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Kubernetes", "Golden", golden));
        if (actual != expected)
        {
            var written = Path.Combine(Path.GetTempPath(), "llmops-" + golden);
            File.WriteAllText(written, actual);
            Assert.Fail($"the rendering differs from Golden/{golden}; the new rendering is in {written}");
        }
    }

    [Fact]
    public void A_model_without_gpus_asks_for_none()
    {
        var yaml = Yaml(Target());

        Assert.DoesNotContain("nvidia.com/gpu", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("tolerations", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_the_same_version_twice_gives_the_same_bytes()
    {
        var package = Packages.Good(_root, "v-7");

        Assert.Equal(KubernetesTarget.Yaml(Target().Render("support-intent", package, Digest)), KubernetesTarget.Yaml(Target().Render("support-intent", package, Digest)));
    }

    [Theory]
    [InlineData("registry.example/support-intent:v-7", "has a tag but no digest")]
    [InlineData("registry.example/support-intent@sha256:abc", "not sha256: followed by 64")]
    [InlineData("support-intent:latest", "has a tag but no digest")]
    public void An_image_without_a_digest_is_refused_where_it_is_declared(string image, string why)
    {
        var refused = Assert.Throws<ArgumentException>(() => DeployTarget.Kubernetes(o => o.Image = image));

        Assert.Contains(why, refused.Message, StringComparison.Ordinal);
        Assert.Contains(image, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_variable_holding_a_tag_fails_the_deployment_before_anything_is_written()
    {
        var target = DeployTarget.Kubernetes(_ => { });
        var request = new DeploymentRequest("support-intent", Packages.Good(_root, "v-1"), [], 3, _root, _ => { },
            name => name == "LLMOPS_SERVING_IMAGE" ? "registry.example/support-intent:latest" : null);

        var refused = await Assert.ThrowsAsync<DeploymentException>(() => target.DeployAsync(request, TestContext.Current.CancellationToken));

        Assert.Contains("LLMOPS_SERVING_IMAGE", refused.Message, StringComparison.Ordinal);
        Assert.Contains("has a tag but no digest", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(request.StateDirectory));
    }

    [Theory]
    [InlineData("CpuLimit", "two")]
    [InlineData("MemoryRequest", "-1Gi")]
    public void A_quantity_the_api_would_not_parse_is_refused_naming_the_field(string field, string value)
    {
        var refused = Assert.Throws<ArgumentException>(() => DeployTarget.Kubernetes(o => typeof(KubernetesTargetOptions).GetProperty(field)!.SetValue(o, value)));

        Assert.Contains($"{field} '{value}'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_kubeconfig_the_manifests_are_written_and_nothing_claims_to_serve()
    {
        var target = Target(o => o.ManifestDirectory = "deploy/kubernetes");
        var request = new DeploymentRequest("support-intent", Packages.Good(_root, "v-1"), [], 3, _root, _ => { }, _ => null);

        var outcome = await target.DeployAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(("rendered", null), (outcome.Status, outcome.Serving));
        var written = File.ReadAllText(Path.Combine(_root, "deploy", "kubernetes", "support-intent.yaml"));
        Assert.Equal(KubernetesTarget.Yaml(target.Render("support-intent", request.Package, Digest)), written);
        Assert.Contains("no KUBECONFIG", outcome.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Yaml(KubernetesTarget target) => KubernetesTarget.Yaml(target.Render("support-intent", Packages.Good(_root, "v-7"), Digest));

    private static KubernetesTarget Target(Action<KubernetesTargetOptions>? configure = null) => DeployTarget.Kubernetes(o =>
    {
        o.Image = Digest;
        o.Namespace = "models";
        configure?.Invoke(o);
    });
}
