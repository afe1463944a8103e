using LlmOps.Tracking.Local;
using LlmOps.Tracking.Mlflow;

namespace LlmOps.Tracking;

/// <summary>Picks the tracker: MLflow when MLFLOW_TRACKING_URI is http(s), otherwise the embedded local tracker.</summary>
public static class TrackerFactory
{
    /// <summary>Default local folder, relative to the repository root.</summary>
    public const string DefaultLocalDirectory = StateLayout.DirectoryName;

    /// <summary>Creates the tracker for the current environment.</summary>
    /// <param name="localDirectory">Folder of the local tracker (default <c>.llmops</c>).</param>
    /// <param name="environment">Variable lookup; defaults to the process environment.</param>
    /// <param name="configure">Adjusts the MLflow connection read from the environment, e.g. <c>o =&gt; o with { RetryTimeouts = false }</c>.</param>
    public static ITracker Create(string? localDirectory = null, Func<string, string?>? environment = null, Func<MlflowConnectionOptions, MlflowConnectionOptions>? configure = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var uri = environment("MLFLOW_TRACKING_URI");
        var options = MlflowConnectionOptions.FromEnvironment(environment);
        if (options is not null)
        {
            return new MlflowTracker(MlflowClient.Create(configure is null ? options : configure(options)), ownsClient: true);
        }

        if (!string.IsNullOrWhiteSpace(uri) && !IsLocalUri(uri))
        {
            throw new ArgumentException($"MLFLOW_TRACKING_URI='{UriCredentials.Mask(uri)}' is not supported: use an http(s) URL of an MLflow server, or unset it to track locally.");
        }

        return new LocalTracker(localDirectory ?? DefaultLocalDirectory);
    }

    private static bool IsLocalUri(string uri) =>
        uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || !uri.Contains("://", StringComparison.Ordinal);
}
