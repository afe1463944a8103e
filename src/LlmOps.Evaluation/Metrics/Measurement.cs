namespace LlmOps.Evaluation;

/// <summary>A statistic of the examples at <paramref name="indices"/> (a resample or a slice; repeats count again).</summary>
public delegate double Statistic(ReadOnlySpan<int> indices);

/// <summary>A metric scored on an eval set: per-example scores when it is a mean, and its statistic over any subset.</summary>
public sealed class Measurement
{
    private readonly Statistic _statistic;

    private Measurement(double[]? scores, Statistic statistic) => (Scores, _statistic) = (scores, statistic);

    /// <summary>The per-example scores of a metric that is their mean; null for aggregates (macro F1, p95).</summary>
    public double[]? Scores { get; }

    /// <summary>Whether every per-example score is 0 or 1, so paired outcomes can be tested with McNemar.</summary>
    public bool IsPassFail => Scores is not null && Scores.All(s => s is 0 or 1);

    /// <summary>A metric that is the mean of per-example scores.</summary>
    public static Measurement Mean(double[] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new Measurement(scores, indices =>
        {
            if (indices.IsEmpty)
            {
                return double.NaN;
            }

            double sum = 0;
            foreach (var i in indices)
            {
                sum += scores[i];
            }

            return sum / indices.Length;
        });
    }

    /// <summary>A metric computed from a whole subset (macro F1, a percentile).</summary>
    public static Measurement Aggregate(Statistic statistic) => new(null, statistic ?? throw new ArgumentNullException(nameof(statistic)));

    /// <summary>The metric over the examples at <paramref name="indices"/>; NaN when it is undefined there (an empty slice).</summary>
    public double Over(ReadOnlySpan<int> indices) => _statistic(indices);
}
