namespace LlmOps.Evaluation.Statistics;

/// <summary>
/// Seeded percentile bootstrap over eval-set examples. Every statistic of one resample sees the same example indices,
/// so candidate and champion are compared on the same draw (a paired bootstrap), and resample <c>b</c> always uses
/// stream <c>b</c> of the seed, so results do not depend on how many cores ran them.
/// </summary>
public static class Bootstrap
{
    /// <summary>The default number of resamples of a gate.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>The default seed of a gate.</summary>
    public const ulong DefaultSeed = 20261202;

    /// <summary>The interval of the mean of <paramref name="scores"/>.</summary>
    public static Interval Mean(double[] scores, int resamples, ulong seed, double confidence) =>
        Mean(scores, resamples, seed, confidence, Environment.ProcessorCount);

    /// <summary>As <see cref="Mean(double[], int, ulong, double)"/> on at most <paramref name="cores"/> cores (the benchmark compares per core).</summary>
    internal static Interval Mean(double[] scores, int resamples, ulong seed, double confidence, int cores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        Check(scores.Length, resamples, confidence);
        var replicates = new double[resamples];
        Parallel.For(0, resamples, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, cores) }, b => replicates[b] = ResampledMean(scores, seed, b));
        return Quantiles.Percentile(scores.Average(), replicates, confidence);
    }

    /// <summary>
    /// The interval of the mean difference <c>candidate[i] - champion[i]</c>, both scored on the same examples: each
    /// resample draws example indices once and takes both scores of each drawn example.
    /// </summary>
    public static Interval PairedMeanDifference(double[] candidate, double[] champion, int resamples, ulong seed, double confidence) =>
        PairedMeanDifference(candidate, champion, resamples, seed, confidence, Environment.ProcessorCount);

    /// <summary>As <see cref="PairedMeanDifference(double[], double[], int, ulong, double)"/> on at most <paramref name="cores"/> cores.</summary>
    internal static Interval PairedMeanDifference(double[] candidate, double[] champion, int resamples, ulong seed, double confidence, int cores)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(champion);
        if (candidate.Length != champion.Length)
        {
            throw new ArgumentException($"a paired comparison needs scores of the same examples: {candidate.Length} candidate vs {champion.Length} champion scores");
        }

        var differences = new double[candidate.Length];
        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] = candidate[i] - champion[i];
        }

        return Mean(differences, resamples, seed, confidence, cores);
    }

    /// <summary>
    /// Replicates of an arbitrary statistic (a macro F1, a p95 latency, a gap between slices): <paramref name="statistic"/>
    /// gets the resample's example indices; resample <c>b</c> draws the same indices as in <see cref="Mean(double[], int, ulong, double)"/>.
    /// </summary>
    public static double[] Replicates(int examples, int resamples, ulong seed, Func<int[], double> statistic)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        Check(examples, resamples, 0.5);
        var replicates = new double[resamples];
        Parallel.For(0, resamples, () => new int[examples], (b, _, indices) =>
        {
            var rng = new Xoshiro(seed, (ulong)b);
            for (var i = 0; i < indices.Length; i++)
            {
                indices[i] = rng.NextIndex(examples);
            }

            replicates[b] = statistic(indices);
            return indices;
        }, _ => { });
        return replicates;
    }

    private static double ResampledMean(double[] scores, ulong seed, int b)
    {
        var rng = new Xoshiro(seed, (ulong)b);
        var n = scores.Length;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += scores[rng.NextIndex(n)];
        }

        return sum / n;
    }

    private static void Check(int examples, int resamples, double confidence)
    {
        if (examples < 1)
        {
            throw new ArgumentException("the bootstrap needs at least one example");
        }

        if (resamples < 1)
        {
            throw new ArgumentException($"the bootstrap needs at least one resample, got {resamples}");
        }

        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentException($"confidence must be between 0 and 1, got {confidence}");
        }
    }
}
