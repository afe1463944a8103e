using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using LlmOps.Cli;
using LlmOps.Emission.Argo.Submit;

namespace LlmOps.Emission.Argo;

/// <summary>
/// <c>./build.sh Resume &lt;workflow&gt;</c>: approves the deployment a submitted Workflow waits for. Each running
/// <c>suspend</c> node (an <c>approve-*</c> task) is marked succeeded, as <c>argo resume</c> does, and the Workflow
/// records who approved when (annotations <c>llmops.dev/approved-by</c>, <c>llmops.dev/approved-at</c>).
/// </summary>
public sealed class ArgoResumeCommand : ICliCommand
{
    private readonly Func<KubernetesClientConfiguration> _configuration;

    /// <summary>A command that reaches the cluster KUBECONFIG (or the pod's service account) names.</summary>
    public ArgoResumeCommand()
        : this(KubernetesConnection.Configuration)
    {
    }

    internal ArgoResumeCommand(Func<KubernetesClientConfiguration> configuration) => _configuration = configuration;

    /// <inheritdoc />
    public string Name => "Resume";

    /// <inheritdoc />
    public string Description => "Resume <workflow>: approve the deployment a submitted Argo workflow waits for, recording who approved";

    /// <inheritdoc />
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var args = context.CommandLine.Targets.Skip(1).ToList();
        if (args.Count != 1)
        {
            context.Error.WriteLine("usage: ./build.sh Resume <workflow>");
            return 2;
        }

        return await KubernetesConnection.ReportingFailuresAsync(context, async () =>
        {
            var configuration = _configuration();
            using var client = new Kubernetes(configuration);
            var ns = KubernetesConnection.Namespace(configuration, null, null);
            var workflow = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(KubernetesConnection.Group, KubernetesConnection.Version, ns, "workflows", args[0], cancellationToken).ConfigureAwait(false);
            var who = context.Environment("USER") ?? context.Environment("USERNAME") ?? "unknown";
            var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            if (NodesElsewhere(workflow) is { } elsewhere)
            {
                // The approver is still recorded on the Workflow, where the deploying stage reads it; only letting the
                // suspend node through needs Argo's server, which can read the node status.
                await PatchAsync(client, ns, args[0], Approval(who, now), cancellationToken).ConfigureAwait(false);
                context.Error.WriteLine($"error: workflow {args[0]} keeps its node status {elsewhere}, which Resume cannot read. It recorded {who} as the approver; now let it through with `argo resume {args[0]}`.");
                return 2;
            }

            var waiting = Waiting(workflow);
            if (waiting.Count == 0)
            {
                context.Error.WriteLine($"error: workflow {args[0]} waits for no approval.");
                return 1;
            }

            var nodes = new JsonObject();
            foreach (var (id, _) in waiting)
            {
                nodes[id] = new JsonObject { ["phase"] = "Succeeded", ["message"] = $"approved by {who}", ["finishedAt"] = now };
            }

            var patch = Approval(who, now);
            patch["status"] = new JsonObject { ["nodes"] = nodes };
            await PatchAsync(client, ns, args[0], patch, cancellationToken).ConfigureAwait(false);
            foreach (var (_, display) in waiting)
            {
                context.Output.WriteLine($"Approved {display} of {args[0]} as {who}.");
            }

            return 0;
        }).ConfigureAwait(false);
    }

    // Who approved and when, on the Workflow: the deploying stage reads them from its annotations (RunAnnotations).
    private static JsonObject Approval(string who, string now) => new()
    {
        ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Runtime.RunAnnotations.ApprovedBy] = who, [Runtime.RunAnnotations.ApprovedAt] = now } },
    };

    private static Task PatchAsync(Kubernetes client, string ns, string workflow, JsonObject patch, CancellationToken cancellationToken) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), KubernetesConnection.Group, KubernetesConnection.Version, ns, "workflows", workflow,
            fieldManager: KubernetesConnection.FieldManager, cancellationToken: cancellationToken);

    // Argo moves status.nodes out of the object when it grows too large: into its database (offloadNodeStatusVersion
    // names the stored version) or gzip'd into compressedNodes; either way the object itself lists no nodes.
    private static string? NodesElsewhere(JsonElement workflow)
    {
        if (!workflow.TryGetProperty("status", out var status) || (status.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Object && nodes.EnumerateObject().Any()))
        {
            return null;
        }

        return status.TryGetProperty("offloadNodeStatusVersion", out var offloaded) && offloaded.ValueKind == JsonValueKind.String ? "in Argo's database (status.offloadNodeStatusVersion)"
            : status.TryGetProperty("compressedNodes", out var compressed) && compressed.ValueKind == JsonValueKind.String ? "compressed (status.compressedNodes)"
            : null;
    }

    private static List<(string Id, string Display)> Waiting(JsonElement workflow) =>
        workflow.TryGetProperty("status", out var status) && status.TryGetProperty("nodes", out var nodes)
            ? [.. nodes.EnumerateObject()
                .Where(n => n.Value.TryGetProperty("type", out var t) && t.GetString() == "Suspend" && n.Value.TryGetProperty("phase", out var p) && p.GetString() == "Running")
                .Select(n => (n.Name, n.Value.TryGetProperty("displayName", out var d) ? d.GetString() ?? n.Name : n.Name))]
            : [];
}
