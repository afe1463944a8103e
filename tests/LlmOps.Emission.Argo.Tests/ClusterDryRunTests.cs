using k8s;
using k8s.Models;
using LlmOps.Emission.Argo.Submit;
using LlmOps.Emission.Argo.Tests.Support;
using LlmOps.Pipelines.FineTune;
using LlmOps.Planning;

namespace LlmOps.Emission.Argo.Tests;

/// <summary>
/// Opt-in: with KUBECONFIG pointing at a cluster that has Argo Workflows' CRDs, the committed FineTune template passes
/// the API server's own server-side dry run with strict field validation. Skipped, saying why, without KUBECONFIG.
/// </summary>
public sealed class ClusterDryRunTests
{
    [Fact]
    public async Task The_finetune_template_passes_a_strict_server_side_dry_run_on_a_real_cluster()
    {
        var kubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG");
        Assert.SkipWhen(string.IsNullOrEmpty(kubeconfig), "KUBECONFIG is not set: no cluster to dry-run the FineTune WorkflowTemplate against (set it to a cluster with Argo Workflows' CRDs to run this test).");

        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        using var client = new Kubernetes(configuration);
        var pipeline = PipelineLoader.Load(typeof(FineTunePipeline), new ParameterSources(Loaded.RepositoryRoot, new Dictionary<string, string> { ["trainer-image"] = "ghcr.io/acme/trainer@sha256:" + new string('1', 64) }, _ => null, []));
        var documents = ArgoDocuments.For(pipeline, Loaded.RepositoryRoot);

        var applied = await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(documents.Template.ToJsonString(), V1Patch.PatchType.ApplyPatch), KubernetesConnection.Group, KubernetesConnection.Version, configuration.Namespace ?? "default", "workflowtemplates", documents.TemplateName,
            dryRun: "All", fieldManager: KubernetesConnection.FieldManager, fieldValidation: "Strict", force: true, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotNull(applied);
    }
}
