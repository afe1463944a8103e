namespace LlmOps.Tracking;

/// <summary>One point of a metric curve.</summary>
/// <param name="Key">Metric name; MLflow allows letters, digits, <c>_ - . space : /</c>, at most 250 characters.</param>
/// <param name="Value">Value; NaN and infinities are allowed.</param>
/// <param name="Step">Training step.</param>
/// <param name="TimestampMs">Unix time in milliseconds.</param>
public sealed record MetricPoint(string Key, double Value, long Step, long TimestampMs)
{
    /// <summary>Creates a point stamped with the current time.</summary>
    public static MetricPoint Now(string key, double value, long step = 0) =>
        new(key, value, step, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
}
