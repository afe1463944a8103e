namespace LlmOps.Tracking.Batching;

/// <summary>Creates a batching logger bound to one run.</summary>
public static class TrackerBatchingExtensions
{
    /// <summary>A logger whose batches go to <paramref name="run"/> through <see cref="ITracker.LogMetricsAsync"/> (log-batch on MLflow).</summary>
    public static BatchingMetricLogger CreateMetricLogger(this ITracker tracker, RunHandle run, BatchingOptions? options = null) =>
        new((points, ct) => tracker.LogMetricsAsync(run, points, ct), options);
}
