using System.Diagnostics;
using System.Net.Sockets;
using LlmOps.Serving.Metrics;

namespace LlmOps.Serving.Routing;

/// <summary>
/// Forwards one request to the active backend and copies the answer back. The request body is buffered (model requests
/// are small) so that a request the old backend refused to accept — it was stopped between the switch and this
/// request's read of the active file — is sent once more to the backend the file names now.
/// </summary>
internal sealed class Forwarder(ActiveBackend active, ServingMetrics metrics) : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer", "Host",
    };

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        // Short-lived pooled connections: after a switch no connection to a stopped backend lingers in the pool.
        PooledConnectionLifetime = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public async Task ForwardAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        for (var attempt = 1; ; attempt++)
        {
            if (active.Current(forceRefresh: attempt > 1) is not { } backend)
            {
                await Fail(context, StatusCodes.Status503ServiceUnavailable, "no_backend", "no active backend", started);
                return;
            }

            using var request = CreateRequest(context, backend, body);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException && attempt < 3)
            {
                // Not accepted by the backend, so not processed by it: safe to send again after re-reading the file.
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), context.RequestAborted);
                continue;
            }
            catch (HttpRequestException e)
            {
                await Fail(context, StatusCodes.Status502BadGateway, "backend_unreachable", $"backend {backend} did not answer: {e.Message}", started);
                return;
            }

            using (response)
            {
                await CopyResponseAsync(context, response);
            }

            metrics.Observe("forward", context.Request.Method, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
            return;
        }
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage CreateRequest(HttpContext context, Uri backend, MemoryStream body)
    {
        var target = new Uri(backend, context.Request.Path.Value + context.Request.QueryString.Value);
        var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }

        return request;
    }

    private static async Task CopyResponseAsync(HttpContext context, HttpResponseMessage response)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private async Task Fail(HttpContext context, int status, string reason, string message, long started)
    {
        metrics.CountError("forward", reason);
        metrics.Observe("forward", context.Request.Method, status, Stopwatch.GetElapsedTime(started));
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
