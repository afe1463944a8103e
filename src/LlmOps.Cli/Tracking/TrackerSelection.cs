using LlmOps.Execution;
using LlmOps.Tracking;
using LlmOps.Tracking.Mlflow;

namespace LlmOps.Cli.Tracking;

/// <summary>
/// Where runs are tracked: the MLflow server in <c>MLFLOW_TRACKING_URI</c>, otherwise the embedded tracker in
/// <c>.llmops/tracking.db</c>; <c>LLMOPS_TRACKING=off</c> turns tracking off.
/// </summary>
public static class TrackerSelection
{
    /// <summary>The local tracker's folder.</summary>
    public static string LocalDirectory(string root) => StateLayout.Of(root).Root;

    /// <summary>The tracker for this environment; a malformed URI is a usage error.</summary>
    /// <param name="root">The repository root.</param>
    /// <param name="environment">Reads environment variables.</param>
    /// <param name="configure">Adjusts the MLflow connection, if any.</param>
    public static ITracker Create(string root, Func<string, string?> environment, Func<MlflowConnectionOptions, MlflowConnectionOptions>? configure = null)
    {
        try
        {
            return TrackerFactory.Create(LocalDirectory(root), environment, configure);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The observer that records a run, or null when tracking is off.</summary>
    public static IRunObserver? Observer(RunEnvironment run, Func<string, string?> environment, TextWriter warnings, SecretMasker masker)
    {
        masker.Add(environment("MLFLOW_TRACKING_TOKEN"));
        masker.Add(environment("MLFLOW_TRACKING_PASSWORD"));
        if (Uri.TryCreate(environment("MLFLOW_TRACKING_URI")?.Trim(), UriKind.Absolute, out var uri) && UriCredentials.Split(uri).Password is { Length: > 0 } password)
        {
            // A password written into the URI is as secret as the variable, in both its spellings.
            masker.Add(password);
            masker.Add(uri.UserInfo[(uri.UserInfo.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        }

        void Warn(string line) => warnings.WriteLine(masker.Mask(line));
        if (string.Equals(environment("LLMOPS_TRACKING"), "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var root = run.Options.RootDirectory;

        // A run must not wait minutes for a tracker that is down: unless the user set MLflow's own knobs, the run's
        // tracker retries twice with short backoff and gives an attempt 30 s. A timeout is not retried: a server that
        // hangs costs one timeout, and that first failure switches tracking off for the run.
        Func<string, string?> quick = name => environment(name) ?? name switch
        {
            "MLFLOW_HTTP_REQUEST_MAX_RETRIES" => "2",
            "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR" => "0.5",
            "MLFLOW_HTTP_REQUEST_TIMEOUT" => "30",
            _ => null,
        };
        try
        {
            var tracker = Create(root, quick, o => o with { RetryTimeouts = false });
            return new TrackingObserver(tracker, new TrackingContext(root, MlflowConnectionOptions.FromEnvironment(quick), environment), Warn, run);
        }
        catch (Exception e) when (e is not UsageException)
        {
            // Tracking follows a run; it must never be the reason a run does not start.
            Warn($"warning: experiment tracking is off for this run: {e.Message}");
            return null;
        }
    }
}
