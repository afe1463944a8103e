using Polly.Timeout;

namespace LlmOps.Tracking.Mlflow;

/// <summary>
/// Outermost handler: once retries are exhausted, a timeout or connection failure surfaces as an
/// <see cref="MlflowException"/> naming the endpoint, instead of a bare transport exception.
/// </summary>
internal sealed class MlflowTransportErrorHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new MlflowException(MlflowErrorParser.Endpoint(request), null, null, "the request timed out", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new MlflowException(MlflowErrorParser.Endpoint(request), null, null, $"the server could not be reached ({ex.HttpRequestError})", ex);
        }
    }
}
