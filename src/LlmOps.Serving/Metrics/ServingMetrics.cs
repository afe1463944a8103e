using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace LlmOps.Serving.Metrics;

/// <summary>
/// Request counts, a latency histogram and error counts per route, rendered in the Prometheus text exposition format
/// (version 0.0.4). Hand-written because three metric families do not justify an exporter and its dependencies.
/// </summary>
public sealed class ServingMetrics
{
    /// <summary>Upper bounds of the latency buckets, in seconds (Prometheus' defaults).</summary>
    public static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<(string Route, string Method, int Status), long> _requests = new();
    private readonly ConcurrentDictionary<(string Route, string Method), Histogram> _latency = new();
    private readonly ConcurrentDictionary<(string Route, string Reason), long> _errors = new();

    /// <summary>Counts one finished request.</summary>
    public void Observe(string route, string method, int status, TimeSpan elapsed)
    {
        _requests.AddOrUpdate((route, method, status), 1, (_, n) => n + 1);
        _latency.GetOrAdd((route, method), _ => new Histogram()).Observe(elapsed.TotalSeconds);
        if (status >= 500)
        {
            CountError(route, "status_" + status.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Counts one failed request by reason (<c>exception</c>, <c>status_503</c>, <c>backend_unreachable</c>).</summary>
    public void CountError(string route, string reason) => _errors.AddOrUpdate((route, reason), 1, (_, n) => n + 1);

    /// <summary>The exposition text; <paramref name="info"/> labels go on <c>llmops_model_info</c> when given.</summary>
    public string Render(IReadOnlyList<KeyValuePair<string, string>>? info = null)
    {
        var text = new StringBuilder();
        if (info is not null)
        {
            text.Append("# HELP llmops_model_info The model being served.\n# TYPE llmops_model_info gauge\n");
            text.Append("llmops_model_info").Append(Labels([.. info])).Append(" 1\n");
        }

        text.Append("# HELP llmops_http_requests_total HTTP requests answered, by route, method and status.\n# TYPE llmops_http_requests_total counter\n");
        foreach (var ((route, method, status), count) in _requests.OrderBy(p => p.Key))
        {
            text.Append("llmops_http_requests_total").Append(Labels(("route", route), ("method", method), ("status", status.ToString(CultureInfo.InvariantCulture))))
                .Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("# HELP llmops_http_request_duration_seconds Time to answer an HTTP request.\n# TYPE llmops_http_request_duration_seconds histogram\n");
        foreach (var ((route, method), histogram) in _latency.OrderBy(p => p.Key))
        {
            histogram.Render(text, "llmops_http_request_duration_seconds", ("route", route), ("method", method));
        }

        text.Append("# HELP llmops_http_request_errors_total Requests that failed on the server's side, by reason.\n# TYPE llmops_http_request_errors_total counter\n");
        foreach (var ((route, reason), count) in _errors.OrderBy(p => p.Key))
        {
            text.Append("llmops_http_request_errors_total").Append(Labels(("route", route), ("reason", reason)))
                .Append(' ').Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    internal static string Labels(params (string Name, string Value)[] labels) =>
        "{" + string.Join(",", labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\"")) + "}";

    private static string Labels(KeyValuePair<string, string>[] labels) => Labels([.. labels.Select(l => (l.Key, l.Value))]);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Histogram
    {
        private readonly long[] _counts = new long[Buckets.Length];
        private long _count;
        private long _sumMicroseconds;

        public void Observe(double seconds)
        {
            for (var i = 0; i < Buckets.Length; i++)
            {
                if (seconds <= Buckets[i])
                {
                    Interlocked.Increment(ref _counts[i]);
                }
            }

            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _sumMicroseconds, (long)(seconds * 1e6));
        }

        public void Render(StringBuilder text, string name, params (string Name, string Value)[] labels)
        {
            for (var i = 0; i < Buckets.Length; i++)
            {
                text.Append(name).Append("_bucket").Append(Labels([.. labels, ("le", Buckets[i].ToString(CultureInfo.InvariantCulture))]))
                    .Append(' ').Append(Interlocked.Read(ref _counts[i]).ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            var count = Interlocked.Read(ref _count).ToString(CultureInfo.InvariantCulture);
            text.Append(name).Append("_bucket").Append(Labels([.. labels, ("le", "+Inf")])).Append(' ').Append(count).Append('\n');
            text.Append(name).Append("_sum").Append(Labels(labels)).Append(' ')
                .Append((Interlocked.Read(ref _sumMicroseconds) / 1e6).ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
            text.Append(name).Append("_count").Append(Labels(labels)).Append(' ').Append(count).Append('\n');
        }
    }
}
