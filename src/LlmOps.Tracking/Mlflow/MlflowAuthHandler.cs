using System.Net.Http.Headers;
using System.Text;

namespace LlmOps.Tracking.Mlflow;

/// <summary>Adds MLflow's Bearer or Basic authorization; the secret lives only in the header, never in logs or messages.</summary>
internal sealed class MlflowAuthHandler(MlflowConnectionOptions options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            var raw = Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
