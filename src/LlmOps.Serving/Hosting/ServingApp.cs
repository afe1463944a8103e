using LlmOps.Serving.Metrics;
using LlmOps.Serving.Models;

namespace LlmOps.Serving.Hosting;

/// <summary>
/// The model server: loads the model before listening (a model that cannot load never accepts a request), then serves
/// <c>/health</c>, <c>/metrics</c> and the model kind's own endpoints.
/// </summary>
public static class ServingApp
{
    /// <summary>Builds the application for <paramref name="options"/>; throws <see cref="ModelLoadException"/> when the model cannot load.</summary>
    public static WebApplication Build(ServingOptions options, IReadOnlyList<IModelHandlerFactory>? factories = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var factory = ModelHandlers.Select(options.ModelDirectory, factories);
        var handler = factory.Load(options.ModelDirectory);
        var health = ModelHealth.Check(handler.WarmUp);
        var served = new ServedModel(options.Name, options.Version, factory.Kind);
        var metrics = new ServingMetrics();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(served);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(handler);
        // Kestrel drains in-flight requests on SIGTERM within this time; the deployer stops a drained version with a
        // longer grace, so nothing is cut off mid-answer.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);

        var app = builder.Build();
        app.UseServingMetrics(metrics);
        app.MapGet("/health", () => health.Ready
            ? Results.Ok(new { status = "ready", model = served.Name, version = served.Version, kind = served.Kind })
            : Results.Json(new { status = "unhealthy", reason = health.Reason, model = served.Name, version = served.Version, kind = served.Kind }, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/metrics", () => Results.Text(
            metrics.Render([new("name", served.Name), new("version", served.Version), new("kind", served.Kind)]),
            "text/plain; version=0.0.4; charset=utf-8"));
        handler.MapEndpoints(app);
        app.Lifetime.ApplicationStopped.Register(handler.Dispose);
        return app;
    }
}
