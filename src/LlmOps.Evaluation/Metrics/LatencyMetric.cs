using LlmOps.Evaluation.Statistics;

namespace LlmOps.Evaluation;

/// <summary>A percentile of per-example latency in milliseconds; lower is better.</summary>
/// <param name="name">The metric's name.</param>
/// <param name="quantile">The percentile as a fraction, e.g. 0.95.</param>
public sealed class LatencyMetric(string name, double quantile) : Metric(name, higherIsBetter: false)
{
    /// <inheritdoc />
    public override string Describe() => $"{Name}(q={quantile:R})";

    /// <inheritdoc />
    public override ValueTask<Measurement> MeasureAsync(IReadOnlyList<EvalRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var latency = records.Select(r => r.LatencyMilliseconds ?? throw new InvalidOperationException(
            $"{Name} needs a measured latency for each answer; example '{r.Example.Id}' has none")).ToArray();
        return ValueTask.FromResult(Measurement.Aggregate(indices =>
        {
            if (indices.IsEmpty)
            {
                return double.NaN;
            }

            var values = new double[indices.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = latency[indices[i]];
            }

            Array.Sort(values);
            return Quantiles.OfSorted(values, quantile);
        }));
    }
}
