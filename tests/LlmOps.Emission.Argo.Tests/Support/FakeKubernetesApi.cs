using System.Collections.Concurrent;
using System.Text;
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
/// A Kubernetes API server on loopback (a free port, real HTTP) that replays the responses in TestData/kube and records
/// every request: method, path, query, content type and body.
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeKubernetesApi(WebApplication app) => _app = app;

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Answer the WorkflowTemplate's dry-run apply with this 422 Status file instead of accepting it.</summary>
    public string? RejectTemplateWith { get; init; }

    /// <summary>The watch stream the Workflow's watch replays.</summary>
    public string WatchFile { get; init; } = "watch-succeeded.jsonl";

    public KubernetesClientConfiguration Configuration => new() { Host = Address, Namespace = "llmops" };

    public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public static async Task<FakeKubernetesApi> StartAsync(string? rejectTemplateWith = null, string watchFile = "watch-succeeded.jsonl")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeKubernetesApi(app) { RejectTemplateWith = rejectTemplateWith, WatchFile = watchFile };
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string Data(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "kube", file));

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = new Request(http.Request.Method, http.Request.Path.Value ?? "", http.Request.QueryString.Value ?? "", http.Request.ContentType ?? "", body);
        Requests.Enqueue(request);
        var path = request.Path;
        http.Response.ContentType = "application/json";
        if (path.EndsWith("/workflowtemplates/train", StringComparison.Ordinal) && request.Method == "PATCH")
        {
            if (RejectTemplateWith is not null)
            {
                http.Response.StatusCode = 422;
                await http.Response.WriteAsync(Data(RejectTemplateWith));
                return;
            }

            await http.Response.WriteAsync(body);
        }
        else if (path.EndsWith("/namespaces/llmops/workflows", StringComparison.Ordinal) && request.Method == "POST")
        {
            http.Response.StatusCode = 201;
            var created = System.Text.Json.Nodes.JsonNode.Parse(body)!;
            created["metadata"]!["name"] = "train-7xk2p";
            await http.Response.WriteAsync(created.ToJsonString());
        }
        else if (path.EndsWith("/namespaces/llmops/workflows", StringComparison.Ordinal) && request.Query.Contains("watch=true", StringComparison.Ordinal))
        {
            foreach (var line in Data(WatchFile).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await http.Response.WriteAsync(line + "\n");
                await http.Response.Body.FlushAsync();
                await Task.Delay(50);
            }
        }
        else if (path == "/api/v1/namespaces/llmops/pods")
        {
            // The API server answers only the pods whose labels match the selector (key=value).
            var selector = http.Request.Query["labelSelector"].ToString().Split('=', 2);
            var pods = System.Text.Json.Nodes.JsonNode.Parse(Data("pods.json"))!;
            var items = pods["items"]!.AsArray();
            foreach (var pod in items.Where(p => (string?)p!["metadata"]!["labels"]?[selector[0]] != selector[1]).ToList())
            {
                items.Remove(pod);
            }

            await http.Response.WriteAsync(pods.ToJsonString());
        }
        else if (path.StartsWith("/api/v1/namespaces/llmops/pods/", StringComparison.Ordinal) && path.EndsWith("/log", StringComparison.Ordinal))
        {
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync(Data($"log-{path.Split('/')[^2]}.txt"));
        }
        else if (path.EndsWith("/workflows/train-7xk2p", StringComparison.Ordinal) && request.Method == "GET")
        {
            await http.Response.WriteAsync(Data("workflow-suspended.json"));
        }
        else if (path.EndsWith("/workflows/train-7xk2p", StringComparison.Ordinal) && request.Method == "PATCH")
        {
            await http.Response.WriteAsync(Data("workflow-suspended.json"));
        }
        else
        {
            http.Response.StatusCode = 404;
            await http.Response.WriteAsync("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
        }
    }

    public sealed record Request(string Method, string Path, string Query, string ContentType, string Body);
}
