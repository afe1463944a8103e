using System.Globalization;
using k8s;
using k8s.Models;

namespace LlmOps.Deployment;

/// <summary>
/// Watches one Deployment until its rollout is complete, the way <c>kubectl rollout status</c> decides: the controller
/// has seen the newest spec (observedGeneration), every replica is updated and available and no old one is left; a
/// Progressing condition with ProgressDeadlineExceeded, a deletion, or the time limit ends it as failed.
/// </summary>
internal sealed class DeploymentRolloutWatch(k8s.Kubernetes client, string ns, string name)
{
    public async Task<RolloutResult> WaitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        var last = "no status was reported";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            // A watch the server closes early (its own timeout, a restart) is opened again until the deadline.
            while (DateTimeOffset.UtcNow < deadline)
            {
                var seconds = (int)Math.Max(1, Math.Ceiling((deadline - DateTimeOffset.UtcNow).TotalSeconds));
                var events = client.AppsV1.WatchListNamespacedDeploymentAsync(ns, fieldSelector: "metadata.name=" + name, timeoutSeconds: seconds, cancellationToken: timeout.Token);
                await foreach (var (type, deployment) in events.ConfigureAwait(false))
                {
                    if (type == WatchEventType.Deleted)
                    {
                        return new RolloutResult(false, $"Deployment {name} was deleted during the rollout");
                    }

                    var (done, failed, why) = Progress(deployment);
                    last = why;
                    if (done || failed)
                    {
                        return new RolloutResult(done, why);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            return new RolloutResult(false, $"watching Deployment {name} failed ({(int)e.Response.StatusCode}): {e.Response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            return new RolloutResult(false, $"watching Deployment {name} failed: {e.Message}");
        }

        return new RolloutResult(false, string.Create(CultureInfo.InvariantCulture, $"not ready within {limit.TotalSeconds:0} s: {last}"));
    }

    internal static (bool Done, bool Failed, string Why) Progress(V1Deployment deployment)
    {
        var spec = deployment.Spec?.Replicas ?? 1;
        var status = deployment.Status;
        if (status is null || (status.ObservedGeneration ?? 0) < (deployment.Metadata?.Generation ?? 0))
        {
            return (false, false, "the controller has not yet seen the new spec");
        }

        if (status.Conditions?.FirstOrDefault(c => c.Type == "Progressing") is { Reason: "ProgressDeadlineExceeded" } stuck)
        {
            return (false, true, $"the rollout exceeded its progress deadline: {stuck.Message}");
        }

        var updated = status.UpdatedReplicas ?? 0;
        var available = status.AvailableReplicas ?? 0;
        var total = status.Replicas ?? 0;
        var counts = string.Create(CultureInfo.InvariantCulture, $"{updated} of {spec} updated, {available} available, {total - updated} old");
        return updated < spec || total > updated || available < updated
            ? (false, false, counts + Unavailable(status))
            : (true, false, counts);
    }

    private static string Unavailable(V1DeploymentStatus status) =>
        status.Conditions?.FirstOrDefault(c => c.Type == "Available" && c.Status == "False") is { } condition ? $" ({condition.Reason}: {condition.Message})" : "";
}
