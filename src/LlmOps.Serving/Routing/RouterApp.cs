using LlmOps.Serving.Hosting;
using LlmOps.Serving.Metrics;

namespace LlmOps.Serving.Routing;

/// <summary>
/// <c>llmops-serving route</c>: the stable address of a blue/green deployment. It forwards every request to the backend
/// named in the active file, so switching versions is one atomic file replacement and no connection is refused.
/// Its own health and metrics are under <c>/router/</c>; <c>/health</c> and <c>/metrics</c> are the active model's.
/// </summary>
public static class RouterApp
{
    /// <summary>Builds the router for <c>--active-file</c> and <c>--urls</c>.</summary>
    public static WebApplication Build(IReadOnlyList<string> args)
    {
        var flags = Flags.Parse(args, "--active-file", "--urls");
        var active = new ActiveBackend(flags.GetValueOrDefault("--active-file")
            ?? throw new UsageException("route needs --active-file <file holding the backend's URL>"));
        var metrics = new ServingMetrics();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(flags.GetValueOrDefault("--urls") ?? ServingOptions.DefaultUrls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        var forwarder = new Forwarder(active, metrics);

        var app = builder.Build();
        app.MapGet("/router/health", () => active.Current() is { } backend
            ? Results.Ok(new { status = "ready", backend = backend.ToString() })
            : Results.Json(new { status = "no backend", file = active.File }, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/router/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        app.Map("/{**path}", forwarder.ForwardAsync);              // a catch-all: the /router/ routes above win over it
        app.Lifetime.ApplicationStopped.Register(forwarder.Dispose);
        return app;
    }
}
