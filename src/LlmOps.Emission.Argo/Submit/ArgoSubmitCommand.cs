using System.Text.Json;
using k8s;
using LlmOps.Cli;
using LlmOps.Emission.Argo.Submit;

namespace LlmOps.Emission.Argo;

/// <summary>
/// <c>./build.sh Submit &lt;Pipeline&gt; --to argo [--param value ...]</c>: applies the pipeline's WorkflowTemplate with
/// server-side apply and creates a Workflow from it, each first as a dry run with strict field validation (so a
/// field the cluster's Argo does not know fails before anything changes), then watches the Workflow, streams each
/// task's log prefixed by its task, and ends with a summary and a local run's exit code. Parameters given on the
/// command line become the Workflow's arguments; the build image comes from the declaration or LLMOPS_BUILD_IMAGE.
/// </summary>
public sealed class ArgoSubmitCommand : ICliCommand
{
    private readonly Func<KubernetesClientConfiguration> _configuration;

    /// <summary>A command that reaches the cluster KUBECONFIG (or the pod's service account) names.</summary>
    public ArgoSubmitCommand()
        : this(KubernetesConnection.Configuration)
    {
    }

    internal ArgoSubmitCommand(Func<KubernetesClientConfiguration> configuration) => _configuration = configuration;

    /// <inheritdoc />
    public string Name => "Submit";

    /// <inheritdoc />
    public string Description => "Submit <Pipeline> --to argo: apply its Argo WorkflowTemplate (server-side, dry run first), run it, stream logs; exit like a local run";

    /// <inheritdoc />
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var args = context.CommandLine.Targets.Skip(1).ToList();
        if (args.Count != 1 || context.CommandLine.Get("to") is not "argo")
        {
            context.Error.WriteLine("usage: ./build.sh Submit <Pipeline> --to argo [--<parameter> <value> ...]");
            return 2;
        }

        var pipeline = context.Pipelines.FirstOrDefault(p => string.Equals(p.Name, args[0], StringComparison.OrdinalIgnoreCase));
        if (pipeline is null)
        {
            context.Error.WriteLine($"error: no pipeline '{args[0]}'; pipelines: {string.Join(", ", context.Pipelines.Select(p => p.Name))}.");
            return 2;
        }

        return await KubernetesConnection.ReportingFailuresAsync(context, async () =>
        {
            var documents = ArgoDocuments.For(pipeline, context.RootDirectory);
            documents.UseBuildImage(context.Environment(ArgoDocuments.BuildImageVariable));
            var configuration = _configuration();
            using var client = new Kubernetes(configuration);
            var ns = KubernetesConnection.Namespace(configuration, documents.Namespace, null);
            await ApplyAsync(client, documents, ns, dryRun: true, cancellationToken).ConfigureAwait(false);
            await CreateAsync(client, documents, ns, dryRun: true, cancellationToken).ConfigureAwait(false);
            context.Output.WriteLine($"Dry run accepted (server-side, strict field validation): WorkflowTemplate {documents.TemplateName} and its Workflow in {ns}.");
            await ApplyAsync(client, documents, ns, dryRun: false, cancellationToken).ConfigureAwait(false);
            var name = await CreateAsync(client, documents, ns, dryRun: false, cancellationToken).ConfigureAwait(false);
            context.Output.WriteLine($"Submitted Workflow {name} in {ns}; following it (./build.sh Resume {name} approves a waiting deployment).");
            return await new WorkflowWatch(client, ns, name, context.Output).RunAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static async Task ApplyAsync(Kubernetes client, ArgoDocuments documents, string ns, bool dryRun, CancellationToken cancellationToken)
    {
        var patch = new k8s.Models.V1Patch(documents.Template.ToJsonString(), k8s.Models.V1Patch.PatchType.ApplyPatch);
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, KubernetesConnection.Group, KubernetesConnection.Version, ns, "workflowtemplates", documents.TemplateName,
            dryRun: dryRun ? "All" : null, fieldManager: KubernetesConnection.FieldManager, fieldValidation: "Strict", force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> CreateAsync(Kubernetes client, ArgoDocuments documents, string ns, bool dryRun, CancellationToken cancellationToken)
    {
        var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(JsonSerializer.Deserialize<JsonElement>(documents.Workflow.ToJsonString()), KubernetesConnection.Group, KubernetesConnection.Version, ns, "workflows",
            dryRun: dryRun ? "All" : null, fieldManager: KubernetesConnection.FieldManager, fieldValidation: "Strict", cancellationToken: cancellationToken).ConfigureAwait(false);
        return created.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";
    }
}
