namespace LlmOps.Tracking.Mlflow;

/// <summary>
/// The time limit of one attempt. An API call gets <see cref="MlflowConnectionOptions.AttemptTimeout"/>. An artifact
/// upload gets that plus its size at <see cref="MlflowConnectionOptions.MinArtifactBytesPerSecond"/>, so a gigabyte file
/// has the time it needs while a server that hangs on a small one is noticed in seconds, not hours. A download's size is
/// not known before its headers, so its attempt limit covers the wait for them; the streamed body then gets
/// <see cref="ForDownloadBody"/>.
/// </summary>
internal static class AttemptTimeouts
{
    internal static TimeSpan For(HttpRequestMessage? request, MlflowConnectionOptions options)
    {
        var path = request?.RequestUri?.AbsolutePath ?? "";
        if (!path.Contains("/mlflow-artifacts/", StringComparison.Ordinal))
        {
            return options.AttemptTimeout;
        }

        if (options.ArtifactTimeout is { } fixedLimit)
        {
            return fixedLimit;
        }

        var bytes = request?.Content?.Headers.ContentLength ?? 0;
        var rate = Math.Max(1, options.MinArtifactBytesPerSecond);
        return options.AttemptTimeout + TimeSpan.FromSeconds((double)bytes / rate);
    }

    /// <summary>
    /// Limits on reading a download's body: the whole body gets what an upload of its size would (unlimited when the
    /// server sends no Content-Length), and no read may wait longer than an API call's limit, so a server that stops
    /// sending mid-body is noticed either way. <c>MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT</c> fixes both.
    /// </summary>
    internal static (TimeSpan Total, TimeSpan Stall) ForDownloadBody(long? contentLength, MlflowConnectionOptions options)
    {
        if (options.ArtifactTimeout is { } fixedLimit)
        {
            return (fixedLimit, fixedLimit);
        }

        var rate = Math.Max(1, options.MinArtifactBytesPerSecond);
        var total = contentLength is { } bytes ? options.AttemptTimeout + TimeSpan.FromSeconds((double)bytes / rate) : Timeout.InfiniteTimeSpan;
        return (total, options.AttemptTimeout);
    }
}
