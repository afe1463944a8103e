using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using k8s.Models;

namespace LlmOps.Deployment.Tests;

/// <summary>
/// A Kubernetes API server on loopback that answers the requests the official client makes for the Kubernetes
/// target, with the bodies a real server sends (Status objects, watch event lines): server-side apply (dry run or
/// not, strict field validation against the published schema, the API's own "request above limit" rule as a 422),
/// GET, DELETE and watch of Deployments, Services and InferenceServices. A scripted controller then reports the
/// rollout: pods of an image in <see cref="FailingImages"/> never become available and the rollout exceeds its deadline.
/// </summary>
public sealed partial class FakeKubernetesApi : IAsyncDisposable
{
    public const string Token = "fake-bearer-7f3a9c";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new();
    private readonly ConcurrentDictionary<Channel<string>, string> _watchers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _resourceVersion = 100;

    public FakeKubernetesApi()
    {
        Port = ServingBuild.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>Images whose pods never become ready.</summary>
    public HashSet<string> FailingImages { get; } = [];

    /// <summary>Every request, in order: method, path and query, content type, whether it carried the token.</summary>
    public ConcurrentQueue<(string Method, string Target, string? ContentType, bool Authorized)> Requests { get; } = new();

    /// <summary>The stored object at <paramref name="path"/> (such as <c>/apis/apps/v1/namespaces/models/deployments/support-intent</c>), or null.</summary>
    public JsonObject? Stored(string path) => _objects.TryGetValue(path, out var stored) ? stored : null;

    /// <summary>A kubeconfig naming this server and a bearer token.</summary>
    public string WriteKubeconfig(string directory)
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: http://127.0.0.1:{Port}
            users:
            - name: deployer
              user:
                token: {Token}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: deployer
                namespace: models
            current-context: fake
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var watcher in _watchers.Keys)
        {
            watcher.Writer.TryComplete();
        }

        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var authorized = request.Headers["Authorization"] == "Bearer " + Token;
        Requests.Enqueue((request.HttpMethod, request.Url!.PathAndQuery, request.ContentType, authorized));
        try
        {
            if (!authorized)
            {
                await RespondAsync(context, 401, Status(401, "Unauthorized", "Unauthorized"));
                return;
            }

            var path = request.Url.AbsolutePath;
            var query = request.QueryString;
            if (query["watch"] == "true" || query["watch"] == "1")
            {
                await WatchAsync(context, path, query["fieldSelector"] ?? "", int.Parse(query["timeoutSeconds"] ?? "30", System.Globalization.CultureInfo.InvariantCulture));
                return;
            }

            var match = ObjectPath().Match(path);
            if (!match.Success)
            {
                await RespondAsync(context, 404, Status(404, "NotFound", "the server could not find the requested resource"));
                return;
            }

            var (resource, name) = (match.Groups["resource"].Value, match.Groups["name"].Value);
            switch (request.HttpMethod)
            {
                case "GET":
                    await RespondAsync(context, _objects.TryGetValue(path, out var found) ? 200 : 404, found?.ToJsonString() ?? NotFound(resource, name));
                    break;
                case "DELETE":
                    if (_objects.TryRemove(path, out var removed))
                    {
                        Publish(path, "DELETED", removed);
                        await RespondAsync(context, 200, removed.ToJsonString());
                    }
                    else
                    {
                        await RespondAsync(context, 404, NotFound(resource, name));
                    }

                    break;
                case "PATCH":
                    await ApplyAsync(context, path, resource, name);
                    break;
                default:
                    await RespondAsync(context, 405, Status(405, "MethodNotAllowed", "method not allowed"));
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
        }
    }

    private async Task ApplyAsync(HttpListenerContext context, string path, string resource, string name)
    {
        var request = context.Request;
        var query = request.QueryString;
        if (request.ContentType?.Split(';')[0].Trim() != "application/apply-patch+yaml")
        {
            await RespondAsync(context, 415, Status(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml (got {request.ContentType})"));
            return;
        }

        if (string.IsNullOrEmpty(query["fieldManager"]))
        {
            await RespondAsync(context, 422, Status(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"));
            return;
        }

        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var applied = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        if (query["fieldValidation"] == "Strict" && KubernetesSchemas.Problems(applied) is { Count: > 0 } problems)
        {
            await RespondAsync(context, 400, Status(400, "BadRequest", "strict decoding error: " + string.Join(", ", problems)));
            return;
        }

        if (Invalid(applied) is { } invalid)
        {
            var kind = (string?)applied["kind"];
            await RespondAsync(context, 422, Status(422, "Invalid", $"{kind}.{Group(resource)} \"{name}\" is invalid: {invalid.Field}: {invalid.Message}", name, kind, invalid));
            return;
        }

        var existing = Stored(path);
        var generation = existing is null ? 1L
            : ((long?)existing["metadata"]!["generation"] ?? 1) + (existing["spec"]!.ToJsonString() == applied["spec"]!.ToJsonString() ? 0 : 1);
        var stored = applied.DeepClone().AsObject();
        var metadata = stored["metadata"]!.AsObject();
        metadata["generation"] = generation;
        metadata["uid"] = (string?)existing?["metadata"]!["uid"] ?? Guid.NewGuid().ToString();
        metadata["resourceVersion"] = Interlocked.Increment(ref _resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
        metadata["creationTimestamp"] = "2026-12-01T00:00:00Z";
        if (resource == "services")
        {
            stored["spec"]!["clusterIP"] = "10.96.0.10";
        }

        stored["status"] = existing?["status"]?.DeepClone() ?? new JsonObject();
        if (query["dryRun"] == "All")
        {
            await RespondAsync(context, 200, stored.ToJsonString());
            return;
        }

        _objects[path] = stored;
        Publish(path, existing is null ? "ADDED" : "MODIFIED", stored);
        await RespondAsync(context, existing is null ? 201 : 200, stored.ToJsonString());
        _ = Task.Run(() => ControllerAsync(path, resource, generation));
    }

    /// <summary>The controller's view after a short while: the rollout completes, or its pods never become ready.</summary>
    private async Task ControllerAsync(string path, string resource, long generation)
    {
        await Task.Delay(150);
        if (resource == "services" || Stored(path) is not { } stored || (long?)stored["metadata"]!["generation"] != generation)
        {
            return;
        }

        var spec = resource == "inferenceservices" ? stored["spec"]!["predictor"]! : stored["spec"]!["template"]!["spec"]!;
        var failing = FailingImages.Contains((string?)spec["containers"]![0]!["image"] ?? "");
        var updated = stored.DeepClone().AsObject();
        if (resource == "inferenceservices")
        {
            updated["status"] = new JsonObject
            {
                ["observedGeneration"] = generation,
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready",
                    ["status"] = failing ? "False" : "True",
                    ["reason"] = failing ? "RevisionFailed" : null,
                    ["message"] = failing ? "Revision failed: container exited with code 1" : null,
                }),
            };
        }
        else
        {
            var replicas = (int?)stored["spec"]!["replicas"] ?? 1;
            var hadOld = (int?)stored["status"]?["availableReplicas"] ?? 0;
            updated["status"] = failing
                ? new JsonObject
                {
                    ["observedGeneration"] = generation,
                    ["replicas"] = hadOld + 1,
                    ["updatedReplicas"] = 1,
                    ["readyReplicas"] = hadOld,
                    ["availableReplicas"] = hadOld,
                    ["unavailableReplicas"] = 1,
                    ["conditions"] = new JsonArray(
                        Condition("Available", hadOld > 0 ? "True" : "False", hadOld > 0 ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
                        Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{stored["metadata"]!["name"]}-7d9f\" has timed out progressing.")),
                }
                : new JsonObject
                {
                    ["observedGeneration"] = generation,
                    ["replicas"] = replicas,
                    ["updatedReplicas"] = replicas,
                    ["readyReplicas"] = replicas,
                    ["availableReplicas"] = replicas,
                    ["conditions"] = new JsonArray(
                        Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
                        Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{stored["metadata"]!["name"]}-7d9f\" has successfully progressed.")),
                };
        }

        updated["metadata"]!["resourceVersion"] = Interlocked.Increment(ref _resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _objects[path] = updated;
        Publish(path, "MODIFIED", updated);
    }

    private async Task WatchAsync(HttpListenerContext context, string collection, string fieldSelector, int timeoutSeconds)
    {
        var name = fieldSelector.StartsWith("metadata.name=", StringComparison.Ordinal) ? fieldSelector["metadata.name=".Length..] : "";
        var path = collection + "/" + name;
        var events = Channel.CreateUnbounded<string>();
        _watchers[events] = path;
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.SendChunked = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            if (Stored(path) is { } current)
            {
                await WriteEventAsync(response, Event("ADDED", current));
            }

            await foreach (var line in events.Reader.ReadAllAsync(timeout.Token))
            {
                await WriteEventAsync(response, line);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _watchers.TryRemove(events, out _);
            response.Close();
        }
    }

    private static async Task WriteEventAsync(HttpListenerResponse response, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await response.OutputStream.WriteAsync(bytes);
        await response.OutputStream.FlushAsync();
    }

    private void Publish(string path, string type, JsonObject item)
    {
        foreach (var (watcher, watched) in _watchers)
        {
            if (watched == path)
            {
                watcher.Writer.TryWrite(Event(type, item));
            }
        }
    }

    private static string Event(string type, JsonObject item) => new JsonObject { ["type"] = type, ["object"] = item.DeepClone() }.ToJsonString();

    /// <summary>One rule of the API server's own validation (beyond the schema): a request may not exceed its limit.</summary>
    private static (string Field, string Message)? Invalid(JsonObject applied)
    {
        var pod = (string?)applied["kind"] == "Deployment" ? applied["spec"]?["template"]?["spec"] : applied["spec"]?["predictor"];
        var containers = pod?["containers"] as JsonArray ?? [];
        for (var i = 0; i < containers.Count; i++)
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                if ((string?)containers[i]!["resources"]?["requests"]?[resource] is { } request && (string?)containers[i]!["resources"]?["limits"]?[resource] is { } limit
                    && new ResourceQuantity(request).ToDecimal() > new ResourceQuantity(limit).ToDecimal())
                {
                    var prefix = (string?)applied["kind"] == "Deployment" ? "spec.template.spec" : "spec.predictor";
                    return ($"{prefix}.containers[{i}].resources.requests", $"Invalid value: \"{request}\": must be less than or equal to {resource} limit of {limit}");
                }
            }
        }

        return null;
    }

    private static string Group(string resource) => resource switch { "deployments" => "apps", "inferenceservices" => "serving.kserve.io", _ => "" };

    private static JsonObject Condition(string type, string status, string reason, string message) =>
        new() { ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = message, ["lastUpdateTime"] = "2026-12-01T00:00:00Z" };

    private static string NotFound(string resource, string name) =>
        Status(404, "NotFound", $"{resource}{(Group(resource) is { Length: > 0 } g ? "." + g : "")} \"{name}\" not found", name, resource);

    private static string Status(int code, string reason, string message, string? name = null, string? kind = null, (string Field, string Message)? cause = null) => new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["details"] = name is null ? null : new JsonObject
        {
            ["name"] = name,
            ["kind"] = kind,
            ["causes"] = cause is { } c ? new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = c.Message, ["field"] = c.Field }) : null,
        },
        ["code"] = code,
    }.ToJsonString();

    private static async Task RespondAsync(HttpListenerContext context, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    [GeneratedRegex("^/(?:api/v1|apis/apps/v1|apis/serving\\.kserve\\.io/v1beta1)/namespaces/(?<ns>[^/]+)/(?<resource>deployments|services|inferenceservices)/(?<name>[^/]+)$")]
    private static partial Regex ObjectPath();
}
