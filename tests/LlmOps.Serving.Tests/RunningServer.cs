using LlmOps.Serving.Hosting;
using Microsoft.AspNetCore.Builder;

namespace LlmOps.Serving.Tests;

/// <summary>A real Kestrel server on a free loopback port, stopped when disposed.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public Uri Address { get; }

    public HttpClient Client { get; } = new();

    public static Task<RunningServer> ServeAsync(string modelDirectory, string version = "v-test") =>
        StartAsync(ServingApp.Build(new ServingOptions(modelDirectory, "http://127.0.0.1:0", "support-intent", version)));

    public static Task<RunningServer> RouteAsync(string activeFile) =>
        StartAsync(LlmOps.Serving.Routing.RouterApp.Build(["--active-file", activeFile, "--urls", "http://127.0.0.1:0"]));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<RunningServer> StartAsync(WebApplication app)
    {
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningServer(app, new Uri(app.Urls.Single()));
    }
}
