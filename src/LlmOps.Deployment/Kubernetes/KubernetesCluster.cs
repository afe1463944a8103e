using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace LlmOps.Deployment;

/// <summary>
/// The calls the Kubernetes target makes, through the official client: read an object, server-side apply it (as a
/// dry run with strict field validation, or for real), delete it, and wait for its rollout. Knows the three kinds the
/// target renders; an API error comes back as a <see cref="DeploymentException"/> carrying the server's own message.
/// </summary>
internal sealed class KubernetesCluster : IDisposable
{
    private const string KServeGroup = "serving.kserve.io";
    private const string KServeVersion = "v1beta1";
    private const string KServePlural = "inferenceservices";

    private readonly k8s.Kubernetes _client;

    private KubernetesCluster(k8s.Kubernetes client, string server) => (_client, Server) = (client, server);

    /// <summary>The API server's address (never the credentials).</summary>
    public string Server { get; }

    public static KubernetesCluster Connect(string kubeconfig, string? context)
    {
        if (!File.Exists(kubeconfig))
        {
            throw new DeploymentException($"kubeconfig {kubeconfig} does not exist (KUBECONFIG or the Kubernetes target's Kubeconfig names it)");
        }

        try
        {
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, context);
            return new KubernetesCluster(new k8s.Kubernetes(config), config.Host);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or YamlDotNet.Core.YamlException or ArgumentException or FormatException or IOException)
        {
            // The client's messages name the file and the missing entry; they do not carry the credentials.
            throw new DeploymentException($"kubeconfig {kubeconfig}: {e.Message}");
        }
    }

    /// <summary>The live object of the same kind and name as <paramref name="manifest"/>, or null when there is none.</summary>
    public async Task<JsonObject?> ReadAsync(JsonObject manifest, CancellationToken cancellationToken)
    {
        var (kind, name, ns) = Identity(manifest);
        try
        {
            object live = kind switch
            {
                "Deployment" => await _client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false),
                "Service" => await _client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false),
                _ => await _client.CustomObjects.GetNamespacedCustomObjectAsync(KServeGroup, KServeVersion, ns, KServePlural, name, cancellationToken).ConfigureAwait(false),
            };
            return JsonNode.Parse(live is JsonElement element ? element.GetRawText() : KubernetesJson.Serialize(live))!.AsObject();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Refused($"reading {kind}/{name}", e);
        }
        catch (HttpRequestException e)
        {
            throw new DeploymentException($"the API server {Server} did not answer: {e.Message}");
        }
    }

    /// <summary>
    /// Server-side apply of <paramref name="manifest"/> as this target's field manager, forcing ownership of its fields;
    /// with <paramref name="dryRun"/> every admission and validation step runs and nothing is stored.
    /// </summary>
    public async Task ApplyAsync(JsonObject manifest, bool dryRun, CancellationToken cancellationToken)
    {
        var (kind, name, ns) = Identity(manifest);
        var patch = new V1Patch(manifest.ToJsonString(), V1Patch.PatchType.ApplyPatch);
        var dry = dryRun ? "All" : null;
        try
        {
            _ = kind switch
            {
                "Deployment" => await _client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, dryRun: dry, fieldManager: KubernetesManifests.FieldManager, fieldValidation: "Strict", force: true, cancellationToken: cancellationToken).ConfigureAwait(false),
                "Service" => await _client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, dryRun: dry, fieldManager: KubernetesManifests.FieldManager, fieldValidation: "Strict", force: true, cancellationToken: cancellationToken).ConfigureAwait(false),
                _ => (object)await _client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, KServeGroup, KServeVersion, ns, KServePlural, name, dryRun: dry, fieldManager: KubernetesManifests.FieldManager, fieldValidation: "Strict", force: true, cancellationToken: cancellationToken).ConfigureAwait(false),
            };
        }
        catch (HttpOperationException e)
        {
            throw Refused((dryRun ? "a server-side dry run of " : "applying ") + $"{kind}/{name}", e);
        }
        catch (HttpRequestException e)
        {
            throw new DeploymentException($"the API server {Server} did not answer: {e.Message}");
        }
    }

    public async Task DeleteAsync(JsonObject manifest, CancellationToken cancellationToken)
    {
        var (kind, name, ns) = Identity(manifest);
        try
        {
            _ = kind switch
            {
                "Deployment" => await _client.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, propagationPolicy: "Foreground", cancellationToken: cancellationToken).ConfigureAwait(false),
                "Service" => (object)await _client.CoreV1.DeleteNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false),
                _ => await _client.CustomObjects.DeleteNamespacedCustomObjectAsync(KServeGroup, KServeVersion, ns, KServePlural, name, cancellationToken: cancellationToken).ConfigureAwait(false),
            };
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (HttpOperationException e)
        {
            throw Refused($"deleting {kind}/{name}", e);
        }
    }

    /// <summary>Waits until <paramref name="workload"/>'s rollout is complete; the reason it is not, when it fails or the time runs out.</summary>
    public Task<RolloutResult> WaitReadyAsync(JsonObject workload, TimeSpan limit, CancellationToken cancellationToken)
    {
        var (kind, name, ns) = Identity(workload);
        return kind == "Deployment"
            ? new DeploymentRolloutWatch(_client, ns, name).WaitAsync(limit, cancellationToken)
            : new InferenceServiceReadiness(ns, name, (n, c) => _client.CustomObjects.GetNamespacedCustomObjectAsync(KServeGroup, KServeVersion, ns, KServePlural, n, c)).WaitAsync(limit, cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    internal static (string Kind, string Name, string Namespace) Identity(JsonObject manifest) =>
        ((string?)manifest["kind"] ?? "", (string?)manifest["metadata"]?["name"] ?? "", (string?)manifest["metadata"]?["namespace"] ?? "default");

    /// <summary>The API's Status message (<c>Deployment.apps "x" is invalid: spec...: Invalid value...</c>), which names the field.</summary>
    private DeploymentException Refused(string what, HttpOperationException e)
    {
        var status = (int)e.Response.StatusCode;
        var message = e.Response.Content;
        try
        {
            if (JsonNode.Parse(e.Response.Content ?? "") is JsonObject body && (string?)body["message"] is { Length: > 0 } text)
            {
                message = text;
            }
        }
        catch (JsonException)
        {
        }

        return new DeploymentException($"the API server {Server} refused {what} ({status}): {(string.IsNullOrWhiteSpace(message) ? e.Response.ReasonPhrase : message.Trim())}");
    }
}

/// <summary>How a rollout ended: ready, or not and why.</summary>
internal sealed record RolloutResult(bool Ready, string Detail);
