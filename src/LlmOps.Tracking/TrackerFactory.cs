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
    public static ITracker Create(string? localDirectory = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var uri = environment("MLFLOW_TRACKING_URI");
        var options = MlflowConnectionOptions.FromEnvironment(environment);
        if (options is not null)
        {
            return new MlflowTracker(MlflowClient.Create(options), ownsClient: true);
        }

        if (!string.IsNullOrWhiteSpace(uri) && !IsLocalUri(uri))
        {
            throw new ArgumentException($"MLFLOW_TRACKING_URI='{Redact(uri)}' is not supported: use an http(s) URL of an MLflow server, or unset it to track locally.");
        }

        return new LocalTracker(localDirectory ?? DefaultLocalDirectory);
    }

    private static bool IsLocalUri(string uri) =>
        uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || !uri.Contains("://", StringComparison.Ordinal);

    // A URI such as https://user:pass@host must not leak its password into an error message.
    private static string Redact(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.UserInfo.Length > 0 ? uri.Replace(parsed.UserInfo, "***", StringComparison.Ordinal) : uri;
}
