using System.Text.Json;
using k8s;
using k8s.Models;

namespace LlmOps.Emission.Argo.Submit;

/// <summary>
/// Follows a submitted Workflow to its end: a watch on the Workflow object, each task's pod log streamed as it starts
/// (lines prefixed by the task, as a local run prefixes them by stage), then a summary of every task and the exit
/// code a local run would give (0 succeeded, 1 failed).
/// </summary>
internal sealed class WorkflowWatch(IKubernetes client, string ns, string name, TextWriter output)
{
    private readonly HashSet<string> _streamed = new(StringComparer.Ordinal);
    private readonly List<Task> _logs = [];
    private readonly Lock _write = new();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        while (true)
        {
            // The API server ends every watch after a while, and ends one whose resourceVersion it no longer keeps
            // with an ERROR event (410 Gone, reason Expired): watch again from the last version seen, or after a 410
            // from the Workflow's current state, until it finishes.
            Exception? failure = null;
            var events = 0;
            var watch = client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                KubernetesConnection.Group, KubernetesConnection.Version, ns, "workflows", fieldSelector: $"metadata.name={name}",
                resourceVersion: resourceVersion, onError: e => failure ??= e, cancellationToken: cancellationToken);
            await foreach (var (type, change) in watch.ConfigureAwait(false))
            {
                events++;
                var item = change is JsonElement element ? element : JsonSerializer.SerializeToElement(change);
                resourceVersion = ResourceVersion(item) ?? resourceVersion;
                await StreamNewPodsAsync(cancellationToken).ConfigureAwait(false);
                if (type == WatchEventType.Deleted || Phase(item) is "Succeeded" or "Failed" or "Error")
                {
                    await Task.WhenAll(_logs).ConfigureAwait(false);
                    return Summarize(item, deleted: type == WatchEventType.Deleted);
                }
            }

            if (events == 0)
            {
                // A watch that ends at once, with nothing, would otherwise be reopened in a tight loop.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }

            resourceVersion = failure switch
            {
                null => resourceVersion,
                KubernetesException { Status.Code: 410 } => null,
                _ => throw new SubmitException($"the watch of Workflow {name} failed: {failure.Message}"),
            };
        }
    }

    private static string? ResourceVersion(JsonElement item) =>
        item.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var version) ? version.GetString() : null;

    private async Task StreamNewPodsAsync(CancellationToken cancellationToken)
    {
        // Argo's pods carry its workflow label; the pods of a multi-node stage's JobSet carry LlmOps's.
        var argo = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"workflows.argoproj.io/workflow={name}", cancellationToken: cancellationToken).ConfigureAwait(false);
        var jobSets = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"{Emission.MultiNodeTask.WorkflowLabel}={name}", cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var pod in argo.Items.Concat(jobSets.Items).Where(p => p.Status?.Phase is "Running" or "Succeeded" or "Failed"))
        {
            if (_streamed.Add(pod.Metadata.Name))
            {
                _logs.Add(StreamAsync(pod, cancellationToken));
            }
        }
    }

    private async Task StreamAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var (task, container) = Source(pod);
        using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, ns, container: container, follow: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lock (_write)
            {
                output.WriteLine($"[{task}] {line}");
            }
        }
    }

    // The prefix and container of a pod's log: an Argo pod's task from its node name, its container "main"; a
    // multi-node pod's task and node index from its labels and Job annotation, its container the trainer.
    private static (string Task, string Container) Source(V1Pod pod)
    {
        var labels = pod.Metadata.Labels ?? new Dictionary<string, string>();
        var annotations = pod.Metadata.Annotations ?? new Dictionary<string, string>();
        if (labels.TryGetValue(Emission.MultiNodeTask.TaskLabel, out var task))
        {
            var index = annotations.TryGetValue("batch.kubernetes.io/job-completion-index", out var i) ? i : "?";
            return ($"{task} node {index}", Emission.MultiNodeTask.Container);
        }

        var node = annotations.TryGetValue("workflows.argoproj.io/node-name", out var annotated) ? annotated : pod.Metadata.Name;
        return (WorkflowNodes.TaskOfAttempt(node.Contains('.', StringComparison.Ordinal) ? node[(node.LastIndexOf('.') + 1)..] : node), "main");
    }

    private int Summarize(JsonElement? workflow, bool deleted = false)
    {
        if (workflow is not { } item)
        {
            output.WriteLine($"Workflow {name}: the watch ended before any status arrived.");
            return 1;
        }

        // A Workflow deleted while it ran keeps its last phase in the event ("Running"), which is not how it ended.
        var phase = deleted ? $"Deleted (while {Phase(item) ?? "unknown"})" : Phase(item) ?? "Unknown";
        output.WriteLine();
        output.WriteLine($"Workflow {name}: {phase}");
        if (item.TryGetProperty("status", out var status) && status.TryGetProperty("nodes", out var nodes))
        {
            var reused = ReusedTasks.Of(nodes);
            foreach (var node in WorkflowNodes.Tasks(nodes).Where(n => !ReusedTasks.IsCheck(Text(n, "displayName")))
                .OrderBy(n => Text(n, "startedAt"), StringComparer.Ordinal).ThenBy(n => Text(n, "displayName"), StringComparer.Ordinal))
            {
                var display = Text(node, "displayName");
                var (shown, message) = display is not null && reused.Contains(display) ? ("Cached", "reused from the shared store") : (Text(node, "phase"), Text(node, "message"));
                output.WriteLine($"  {display,-24} {shown}{(message is null ? "" : $" ({message})")}");
            }
        }

        return phase == "Succeeded" ? 0 : 1;
    }

    private static string? Phase(JsonElement item) =>
        item.TryGetProperty("status", out var status) && status.TryGetProperty("phase", out var phase) ? phase.GetString() : null;

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
