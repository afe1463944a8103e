using System.Diagnostics;

namespace LlmOps.Serving.Metrics;

/// <summary>Times every request and counts it under its route pattern (not the raw path, which would explode the labels).</summary>
internal static class MetricsMiddleware
{
    public static IApplicationBuilder UseServingMetrics(this IApplicationBuilder app, ServingMetrics metrics) =>
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            catch (Exception) when (Count(context, metrics, started, exception: true))
            {
                throw;
            }

            Count(context, metrics, started, exception: false);
        });

    private static bool Count(HttpContext context, ServingMetrics metrics, long started, bool exception)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        if (exception)
        {
            metrics.CountError(route, "exception");
        }

        metrics.Observe(route, context.Request.Method, exception ? StatusCodes.Status500InternalServerError : context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        return false;
    }
}
