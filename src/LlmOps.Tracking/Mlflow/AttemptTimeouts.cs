namespace LlmOps.Tracking.Mlflow;

/// <summary>
/// The time limit of one attempt. An API call gets <see cref="MlflowConnectionOptions.AttemptTimeout"/>. An artifact
/// upload gets that plus its size at <see cref="MlflowConnectionOptions.MinArtifactBytesPerSecond"/>, so a gigabyte file
/// has the time it needs while a server that hangs on a small one is noticed in seconds, not hours. A download's size is
/// not known before its headers, and its limit only covers the wait for them (the body is then streamed).
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
}
