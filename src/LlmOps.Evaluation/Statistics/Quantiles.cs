namespace LlmOps.Evaluation.Statistics;

/// <summary>Sample quantiles with linear interpolation between order statistics (numpy's and R's default, type 7).</summary>
internal static class Quantiles
{
    /// <summary>The <paramref name="q"/> quantile of <paramref name="sorted"/>, which must be sorted ascending and non-empty.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>The percentile interval of bootstrap replicates (NaN replicates, from resamples that missed a slice, are dropped).</summary>
    public static Interval Percentile(double estimate, double[] replicates, double confidence)
    {
        var kept = replicates.Where(r => !double.IsNaN(r)).ToArray();
        if (kept.Length == 0)
        {
            return new Interval(estimate, double.NaN, double.NaN, confidence);
        }

        Array.Sort(kept);
        var tail = (1 - confidence) / 2;
        return new Interval(estimate, OfSorted(kept, tail), OfSorted(kept, 1 - tail), confidence);
    }
}
