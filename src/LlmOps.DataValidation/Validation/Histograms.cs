namespace LlmOps.DataValidation.Validation;

/// <summary>Turns exact count arrays into a handful of readable bars with round bounds.</summary>
internal static class Histograms
{
    public static IReadOnlyList<HistogramBin> FromCounts(long[] counts, long max, int bars)
    {
        var width = NiceWidth(Math.Max(1, (max + 1 + bars - 1) / bars));
        var bins = new List<HistogramBin>();
        for (long lower = 0; lower <= max; lower += width)
        {
            long sum = 0;
            for (var v = lower; v < lower + width && v < counts.Length; v++)
            {
                sum += counts[v];
            }

            bins.Add(new HistogramBin(lower, lower + width, sum));
        }

        return bins;
    }

    public static IReadOnlyList<HistogramBin> Turns(long[] counts)
    {
        var last = Array.FindLastIndex(counts, c => c > 0);
        var bins = new List<HistogramBin>();
        for (var i = 0; i <= last; i++)
        {
            bins.Add(new HistogramBin(i, i == counts.Length - 1 ? long.MaxValue : i + 1, counts[i]));
        }

        return bins;
    }

    private static long NiceWidth(long raw)
    {
        long magnitude = 1;
        while (magnitude * 10 <= raw)
        {
            magnitude *= 10;
        }

        foreach (var step in new long[] { 1, 2, 5, 10 })
        {
            if (step * magnitude >= raw)
            {
                return step * magnitude;
            }
        }

        return raw;
    }
}
