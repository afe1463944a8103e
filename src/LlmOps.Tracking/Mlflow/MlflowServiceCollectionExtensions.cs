using LlmOps.Tracking.Mlflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Refit;

namespace LlmOps.Tracking;

/// <summary>Registers the MLflow Refit client with auth, retries (429/5xx/timeouts, backoff with jitter) and typed errors.</summary>
public static class MlflowServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IMlflowApi"/> configured from <paramref name="options"/>.</summary>
    public static IServiceCollection AddMlflowApi(this IServiceCollection services, MlflowConnectionOptions options)
    {
        options = options.WithCredentialsFromUri();
        var settings = new RefitSettings
        {
            ContentSerializer = new SystemTextJsonContentSerializer(MlflowJson.Options),

            // MLflow 3.x serves Flask behind uvicorn (PR #17038), which reads a chunked body without Content-Length as
            // empty: every POST would fail. Buffered JSON goes out with a Content-Length, which every version accepts.
            // Artifact uploads pass their own HttpContent (a sized file stream) and are not affected.
            RequestBodySerialization = RequestBodySerializationMode.Buffered,
            ExceptionFactory = async response => response.IsSuccessStatusCode ? null : await MlflowErrorParser.FromResponseAsync(response).ConfigureAwait(false),

            // Our transport handler already produced an MlflowException; keep it instead of Refit's ApiRequestException wrapper.
            TransportExceptionFactory = (request, exception, cancellationToken) =>
                exception is MlflowException || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
                    ? exception
                    : new MlflowException(MlflowErrorParser.Endpoint(request), null, null, exception.Message, exception),
            DeserializationExceptionFactory = (response, exception) =>
                ValueTask.FromResult<Exception?>(new MlflowException(MlflowErrorParser.Endpoint(response.RequestMessage), (int)response.StatusCode, null, $"the response could not be read as MLflow JSON ({exception.Message})", exception)),
        };

        var baseAddress = new Uri(options.TrackingUri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        services.AddRefitGeneratedClient<IMlflowApi>(settings)
            .ConfigureHttpClient(c =>
            {
                c.BaseAddress = baseAddress;

                // Per-attempt and total limits are enforced by the resilience pipeline; gigabyte artifacts must not hit HttpClient's 100 s default.
                c.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                SslOptions = options.InsecureTls
                    ? new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true }
                    : new System.Net.Security.SslClientAuthenticationOptions(),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddHttpMessageHandler(() => new MlflowTransportErrorHandler())
            .AddHttpMessageHandler(() => new MlflowAuthHandler(options))
            .AddResilienceHandler("mlflow", builder => ConfigureResilience(builder, options));
        return services;
    }

    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, MlflowConnectionOptions options)
    {
        // Polly rejects zero attempts; MLFLOW_HTTP_REQUEST_MAX_RETRIES=0 means "no retry strategy at all".
        if (options.MaxRetries <= 0)
        {
            AddAttemptTimeout(builder, options);
            return;
        }

        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(
                RetryClassifier.ShouldRetry(args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage(), args.Outcome.Result, args.Outcome.Exception, options.RetryTimeouts)),
        });
        AddAttemptTimeout(builder, options);
    }

    private static void AddAttemptTimeout(ResiliencePipelineBuilder<HttpResponseMessage> builder, MlflowConnectionOptions options)
    {
        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            TimeoutGenerator = args => ValueTask.FromResult(AttemptTimeouts.For(args.Context.GetRequestMessage(), options)),
        });
    }
}
