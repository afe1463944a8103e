using System.Net;

namespace LlmOps.Tracking.Mlflow;

/// <summary>
/// Decides whether a failed attempt may be retried. Calls that append data (log-metric, log-batch, runs/create,
/// model-versions/create) are retried only when the server surely did not apply them: 429, 503, or no connection.
/// A 500/502/504 or a timeout might come after the write, and a blind retry would duplicate metric points.
/// </summary>
internal static class RetryClassifier
{
    private static readonly string[] NonIdempotentSuffixes =
    [
        "/mlflow/runs/log-metric",
        "/mlflow/runs/log-batch",
        "/mlflow/runs/create",
        "/mlflow/model-versions/create",
    ];

    internal static bool IsIdempotent(HttpRequestMessage? request)
    {
        if (request?.RequestUri is null)
        {
            return false;
        }

        var path = request.RequestUri.AbsolutePath;
        return !NonIdempotentSuffixes.Any(s => path.EndsWith(s, StringComparison.Ordinal));
    }

    internal static bool ShouldRetry(HttpRequestMessage? request, HttpResponseMessage? response, Exception? exception, bool retryTimeouts = true)
    {
        if (response is not null)
        {
            var status = (int)response.StatusCode;
            if (status is 429 or 503)
            {
                return true;
            }

            return IsIdempotent(request) && (status is 408 or 500 or 502 or 504);
        }

        if (exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
        {
            return true;
        }

        if (exception is Polly.Timeout.TimeoutRejectedException)
        {
            return retryTimeouts && IsIdempotent(request);
        }

        return IsIdempotent(request) && exception is HttpRequestException;
    }

    internal static bool IsTransientStatus(HttpStatusCode code) => (int)code is 408 or 429 or >= 500;
}
