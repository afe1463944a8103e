namespace LlmOps.Tracking.Mlflow;

/// <summary>Splits metrics, params and tags into log-batch requests within the server's limits.</summary>
public static class LogBatchSplitter
{
    /// <summary>Most metrics per request.</summary>
    public const int MaxMetrics = 1000;

    /// <summary>Most params per request.</summary>
    public const int MaxParams = 100;

    /// <summary>Most tags per request.</summary>
    public const int MaxTags = 100;

    /// <summary>Most entities (metrics + params + tags) per request.</summary>
    public const int MaxEntities = 1000;

    /// <summary>Documented 1 MB request limit, kept with a margin for JSON overhead.</summary>
    public const int MaxApproxBytes = 900_000;

    private const int PerEntityOverhead = 64;

    /// <summary>Splits into requests; the order of each entity kind is preserved across requests.</summary>
    public static IEnumerable<LogBatchRequest> Split(string runId, IReadOnlyList<Metric>? metrics, IReadOnlyList<KeyValue>? parameters, IReadOnlyList<KeyValue>? tags)
    {
        metrics ??= [];
        parameters ??= [];
        tags ??= [];
        int mi = 0, pi = 0, ti = 0;
        while (mi < metrics.Count || pi < parameters.Count || ti < tags.Count)
        {
            var batchParams = new List<KeyValue>();
            var batchTags = new List<KeyValue>();
            var batchMetrics = new List<Metric>();
            var bytes = 0;
            var entities = 0;

            while (pi < parameters.Count && batchParams.Count < MaxParams && Fits(parameters[pi].Key.Length + parameters[pi].Value.Length))
            {
                Add(batchParams, parameters[pi++], parameters[pi - 1].Key.Length + parameters[pi - 1].Value.Length);
            }

            while (ti < tags.Count && batchTags.Count < MaxTags && Fits(tags[ti].Key.Length + tags[ti].Value.Length))
            {
                Add(batchTags, tags[ti++], tags[ti - 1].Key.Length + tags[ti - 1].Value.Length);
            }

            while (mi < metrics.Count && batchMetrics.Count < MaxMetrics && Fits(metrics[mi].Key.Length + 40))
            {
                Add(batchMetrics, metrics[mi++], metrics[mi - 1].Key.Length + 40);
            }

            yield return new LogBatchRequest
            {
                RunId = runId,
                Metrics = batchMetrics.Count > 0 ? batchMetrics : null,
                Params = batchParams.Count > 0 ? batchParams : null,
                Tags = batchTags.Count > 0 ? batchTags : null,
            };

            bool Fits(int size) => entities < MaxEntities && (entities == 0 || bytes + size + PerEntityOverhead <= MaxApproxBytes);

            void Add<T>(List<T> list, T item, int size)
            {
                list.Add(item);
                entities++;
                bytes += size + PerEntityOverhead;
            }
        }
    }
}
