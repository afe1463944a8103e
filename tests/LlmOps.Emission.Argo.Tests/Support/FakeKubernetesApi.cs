using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmOps.Emission.Argo.Tests.Support;

/// <summary>
/// A Kubernetes API server on loopback (a free port, real HTTP) that serves the objects in TestData/kube (Argo
/// Workflows recorded from real controllers, and ArgoTrain's adapted from them), replays watch scripts, records every
/// request (method, path, query, content type, body), and refuses what a real server refuses (see
/// <see cref="KubernetesRequestRules"/>) as well as a real create or apply that no dry run preceded.
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private const string Argo = "/apis/argoproj.io/v1alpha1/namespaces/";
    private const string Core = "/api/v1/namespaces/";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _workflows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _dryRuns = new(StringComparer.Ordinal);
    private int _watches;

    private FakeKubernetesApi(WebApplication app, Options options)
    {
        _app = app;
        Settings = options;
        foreach (var workflow in KubeData.Workflows())
        {
            _workflows[(string)workflow["metadata"]!["name"]!] = workflow;
        }
    }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public Options Settings { get; }

    public KubernetesClientConfiguration Configuration => new() { Host = Address, Namespace = Settings.Namespace };

    public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    /// <summary>The Workflow <paramref name="name"/> as the fake now stores it (after any patch).</summary>
    public JsonObject Workflow(string name) => _workflows[name];

    public static async Task<FakeKubernetesApi> StartAsync(Options? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeKubernetesApi(app, options ?? new Options());
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = new Request(http.Request.Method, http.Request.Path.Value ?? "", http.Request.QueryString.Value ?? "", http.Request.ContentType ?? "", body);
        Requests.Enqueue(request);
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        http.Response.ContentType = "application/json";
        var (verb, answer) = Route(request, query);
        var refusal = verb is null ? null : KubernetesRequestRules.Refusal(verb, query, request.ContentType);
        if (refusal is { } refused)
        {
            await WriteAsync(http, refused);
        }
        else
        {
            await answer(http);
        }
    }

    // The verb a request is checked as, and how it is answered.
    private (string? Verb, Func<HttpContext, Task> Answer) Route(Request request, Dictionary<string, string> query)
    {
        var ns = Settings.Namespace;
        var path = request.Path;
        var dry = query.GetValueOrDefault("dryRun") == "All";
        if (path == $"{Argo}{ns}/workflowtemplates/{Settings.TemplateName}" && request.Method == "PATCH")
        {
            return ("patch", http => ApplyTemplateAsync(http, request, dry));
        }

        if (path == $"{Argo}{ns}/workflows" && request.Method == "POST")
        {
            return ("create", http => CreateWorkflowAsync(http, request, ns, dry));
        }

        if (path == $"{Argo}{ns}/workflows" && request.Method == "GET" && query.GetValueOrDefault("watch") == "true")
        {
            return ("list", http => WatchAsync(http, query));
        }

        if (path.StartsWith($"{Argo}{ns}/workflows/", StringComparison.Ordinal) && request.Method is "GET" or "PATCH")
        {
            var name = path[$"{Argo}{ns}/workflows/".Length..];
            return (request.Method == "GET" ? "get" : "patch", http => WorkflowAsync(http, request, name, dry));
        }

        if (path == $"{Core}{ns}/pods" && request.Method == "GET")
        {
            return ("list", http => PodsAsync(http, query));
        }

        if (path.StartsWith($"{Core}{ns}/pods/", StringComparison.Ordinal) && path.EndsWith("/log", StringComparison.Ordinal) && request.Method == "GET")
        {
            return ("log", http => LogAsync(http, path.Split('/')[^2]));
        }

        return (null, http => WriteAsync(http, KubernetesRequestRules.Status(404, "NotFound", "the server could not find the requested resource")));
    }

    private async Task ApplyTemplateAsync(HttpContext http, Request request, bool dry)
    {
        if (Refused(http, "apply of the WorkflowTemplate", dry) is { } refused)
        {
            await WriteAsync(http, refused);
            return;
        }

        if (dry && Settings.RejectTemplateWith is not null)
        {
            http.Response.StatusCode = 422;
            await http.Response.WriteAsync(KubeData.Text(Settings.RejectTemplateWith));
            return;
        }

        await http.Response.WriteAsync(request.Body);
    }

    private async Task CreateWorkflowAsync(HttpContext http, Request request, string ns, bool dry)
    {
        if (Refused(http, "create of the Workflow", dry) is { } refused)
        {
            await WriteAsync(http, refused);
            return;
        }

        // As the real server: the object's apiVersion, kind and namespace must be those the URL names.
        var created = JsonNode.Parse(request.Body)!.AsObject();
        if ((string?)created["apiVersion"] != "argoproj.io/v1alpha1" || (string?)created["kind"] != "Workflow")
        {
            await WriteAsync(http, KubernetesRequestRules.Status(400, "BadRequest", $"the API version in the data ({created["apiVersion"]}) does not match the expected API version (argoproj.io/v1alpha1)"));
            return;
        }

        if (created["metadata"]?["namespace"] is { } given && (string?)given != ns)
        {
            await WriteAsync(http, KubernetesRequestRules.Status(400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request"));
            return;
        }

        http.Response.StatusCode = 201;
        created["metadata"]!["name"] = Settings.CreatedName;
        created["metadata"]!["namespace"] = ns;
        await http.Response.WriteAsync(created.ToJsonString());
    }

    // The dry run must come first: a real apply or create that none preceded is the bug the dry run exists to prevent.
    private (int, string)? Refused(HttpContext http, string what, bool dry)
    {
        if (dry)
        {
            _dryRuns[what] = true;
            return null;
        }

        return Settings.RequireDryRunFirst && !_dryRuns.ContainsKey(what)
            ? KubernetesRequestRules.Status(400, "BadRequest", $"fake API server: a real {what} came without its dry run (dryRun=All) first")
            : null;
    }

    private async Task WatchAsync(HttpContext http, Dictionary<string, string> query)
    {
        var index = Interlocked.Increment(ref _watches) - 1;
        if (index >= Settings.Watches.Count)
        {
            await WriteAsync(http, KubernetesRequestRules.Status(500, "InternalError", $"fake API server: no watch stream left for watch {index + 1}"));
            return;
        }

        // As the real server: a field selector on the name sends only that object's events (and errors).
        var selected = query.GetValueOrDefault("fieldSelector") is { } selector && selector.StartsWith("metadata.name=", StringComparison.Ordinal) ? selector["metadata.name=".Length..] : null;
        foreach (var e in WatchScript.Events(Settings.Watches[index]))
        {
            if (selected is not null && (string?)e["object"]?["kind"] != "Status" && (string?)e["object"]?["metadata"]?["name"] != selected)
            {
                continue;
            }

            await http.Response.WriteAsync(e.ToJsonString() + "\n");
            await http.Response.Body.FlushAsync();
            await Task.Delay(50);
        }
    }

    private async Task WorkflowAsync(HttpContext http, Request request, string name, bool dry)
    {
        if (!_workflows.TryGetValue(name, out var workflow))
        {
            await WriteAsync(http, KubernetesRequestRules.Status(404, "NotFound", $"workflows.argoproj.io \"{name}\" not found"));
            return;
        }

        if (request.Method == "PATCH")
        {
            if (!request.ContentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal))
            {
                await WriteAsync(http, KubernetesRequestRules.Status(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"));
                return;
            }

            var merged = (JsonObject)MergePatch(workflow.DeepClone(), JsonNode.Parse(request.Body))!;
            if (!dry)
            {
                _workflows[name] = workflow = merged;
            }

            await http.Response.WriteAsync(merged.ToJsonString());
            return;
        }

        await http.Response.WriteAsync(workflow.ToJsonString());
    }

    // RFC 7386, as the API server applies application/merge-patch+json.
    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject changes)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = MergePatch(result[key]?.DeepClone(), value);
            }
        }

        return result;
    }

    private static async Task LogAsync(HttpContext http, string pod)
    {
        http.Response.ContentType = "text/plain";
        await http.Response.WriteAsync(KubeData.Text($"log-{pod}.txt"));
    }

    private static async Task PodsAsync(HttpContext http, Dictionary<string, string> query)
    {
        // The API server answers only the pods whose labels match the selector (key=value).
        var selector = query.GetValueOrDefault("labelSelector", "").Split('=', 2);
        var pods = JsonNode.Parse(KubeData.Text("pods.json"))!;
        var items = pods["items"]!.AsArray();
        foreach (var pod in items.Where(p => selector.Length != 2 || (string?)p!["metadata"]!["labels"]?[selector[0]] != selector[1]).ToList())
        {
            items.Remove(pod);
        }

        await http.Response.WriteAsync(pods.ToJsonString());
    }

    private static async Task WriteAsync(HttpContext http, (int Code, string Body) status)
    {
        http.Response.StatusCode = status.Code;
        await http.Response.WriteAsync(status.Body);
    }

    public sealed record Request(string Method, string Path, string Query, string ContentType, string Body);

    /// <summary>What one test's server serves.</summary>
    public sealed record Options
    {
        public string Namespace { get; init; } = "llmops";

        public string TemplateName { get; init; } = "train";

        /// <summary>The name the server gives the created Workflow (what generateName would become).</summary>
        public string CreatedName { get; init; } = "train-7xk2p";

        /// <summary>Answer the WorkflowTemplate's dry-run apply with this 422 Status file instead of accepting it.</summary>
        public string? RejectTemplateWith { get; init; }

        /// <summary>The watch scripts (see <see cref="WatchScript"/>) the Workflow's watches replay, one per watch request, in order.</summary>
        public IReadOnlyList<string> Watches { get; init; } = ["watch-succeeded.jsonl"];

        public bool RequireDryRunFirst { get; init; } = true;
    }
}
