namespace LlmOps.Tracking.Mlflow;

/// <summary>How to reach an MLflow server. <see cref="ToString"/> never shows the secrets.</summary>
public sealed record MlflowConnectionOptions
{
    /// <summary>Server base URI, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public required Uri TrackingUri { get; init; }

    /// <summary>Bearer token (MLFLOW_TRACKING_TOKEN); wins over user name and password.</summary>
    public string? Token { get; init; }

    /// <summary>Basic-auth user (MLFLOW_TRACKING_USERNAME).</summary>
    public string? Username { get; init; }

    /// <summary>Basic-auth password (MLFLOW_TRACKING_PASSWORD).</summary>
    public string? Password { get; init; }

    /// <summary>Skip TLS certificate validation (MLFLOW_TRACKING_INSECURE_TLS=true).</summary>
    public bool InsecureTls { get; init; }

    /// <summary>Experiment that pipeline runs go to (MLFLOW_EXPERIMENT_NAME); created when missing.</summary>
    public string ExperimentName { get; init; } = "llmops";

    /// <summary>Time limit of one attempt (MLFLOW_HTTP_REQUEST_TIMEOUT; MLflow's Python client uses 120 s).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Fixed time limit of one artifact upload or download attempt (MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT), or null
    /// for a limit that scales with the file: <see cref="AttemptTimeout"/> plus the size at <see cref="MinArtifactBytesPerSecond"/>.
    /// </summary>
    public TimeSpan? ArtifactTimeout { get; init; }

    /// <summary>The slowest upload rate still taken for progress, for the scaled artifact limit (1 MiB/s).</summary>
    public long MinArtifactBytesPerSecond { get; init; } = 1024 * 1024;

    /// <summary>
    /// Whether an attempt that timed out is tried again (when the call may be repeated). A pipeline run turns this off:
    /// a server that hangs then costs one timeout, after which tracking is off for the run.
    /// </summary>
    public bool RetryTimeouts { get; init; } = true;

    /// <summary>Retries after the first attempt (the Python client uses 7).</summary>
    public int MaxRetries { get; init; } = 7;

    /// <summary>First backoff delay; it doubles each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Which server this is, for remembering what was pushed where: scheme, host, port and path, without credentials
    /// or query, so the same server reached with other credentials is the same server.
    /// </summary>
    public string ServerIdentity =>
        TrackingUri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');

    /// <summary>Reads MLflow's usual environment variables; returns null when MLFLOW_TRACKING_URI is not http(s).</summary>
    /// <param name="environment">Variable lookup; defaults to the process environment.</param>
    public static MlflowConnectionOptions? FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var uri = environment("MLFLOW_TRACKING_URI");
        if (string.IsNullOrWhiteSpace(uri) || !Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var experiment = environment("MLFLOW_EXPERIMENT_NAME");
        var (bare, uriUser, uriPassword) = UriCredentials.Split(parsed);
        var user = NullIfEmpty(environment("MLFLOW_TRACKING_USERNAME"));
        return new MlflowConnectionOptions
        {
            TrackingUri = bare,
            Token = NullIfEmpty(environment("MLFLOW_TRACKING_TOKEN")),

            // As in MLflow's Python client, the variables win over credentials written into the URI.
            Username = user ?? uriUser,
            Password = user is not null ? NullIfEmpty(environment("MLFLOW_TRACKING_PASSWORD")) : uriPassword,
            InsecureTls = string.Equals(environment("MLFLOW_TRACKING_INSECURE_TLS"), "true", StringComparison.OrdinalIgnoreCase),
            ExperimentName = string.IsNullOrWhiteSpace(experiment) ? "llmops" : experiment.Trim(),
            // The Python client's own knobs, so one environment configures both the trainer and LlmOps.
            MaxRetries = Number(environment, "MLFLOW_HTTP_REQUEST_MAX_RETRIES") is { } retries ? (int)Math.Max(0, retries) : 7,
            AttemptTimeout = Number(environment, "MLFLOW_HTTP_REQUEST_TIMEOUT") is { } timeout && timeout > 0 ? TimeSpan.FromSeconds(timeout) : TimeSpan.FromSeconds(120),
            RetryBaseDelay = Number(environment, "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR") is { } backoff && backoff >= 0 ? TimeSpan.FromSeconds(backoff) : TimeSpan.FromSeconds(1),
            ArtifactTimeout = Number(environment, "MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT") is { } artifact && artifact > 0 ? TimeSpan.FromSeconds(artifact) : null,
        };
    }

    private static double? Number(Func<string, string?> environment, string name) =>
        double.TryParse(environment(name), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// These options with credentials written into <see cref="TrackingUri"/> moved out of it (into
    /// <see cref="Username"/>/<see cref="Password"/> unless those are set), so the URI never carries them further.
    /// </summary>
    public MlflowConnectionOptions WithCredentialsFromUri()
    {
        var (bare, user, password) = UriCredentials.Split(TrackingUri);
        if (ReferenceEquals(bare, TrackingUri))
        {
            return this;
        }

        return Username is not null
            ? this with { TrackingUri = bare }
            : this with { TrackingUri = bare, Username = user, Password = password };
    }

    /// <summary>Describes the connection without credentials.</summary>
    public override string ToString()
    {
        var auth = Token is not null ? "bearer token" : Username is not null ? $"basic auth as {Username}" : "no auth";
        var shown = UriCredentials.Split(TrackingUri).Bare.GetLeftPart(UriPartial.Path);
        return $"MLflow at {shown} ({auth}), experiment '{ExperimentName}'";
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
