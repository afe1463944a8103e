using MathNet.Numerics.Distributions;

namespace LlmOps.Evaluation.Statistics;

/// <summary>How many paired examples it takes to tell a difference of a given size from noise.</summary>
public static class SampleSize
{
    /// <summary>The power a gate is expected to have for the margin it declares.</summary>
    public const double Power = 0.8;

    /// <summary>
    /// Examples needed so that a paired mean difference of <paramref name="margin"/> is detected with
    /// <see cref="Power"/> at <paramref name="confidence"/> (two-sided), given the spread of per-example differences:
    /// n = ((z(1-α/2) + z(power)) · sd / margin)².
    /// </summary>
    public static int ForPairedDifference(double differenceStandardDeviation, double margin, double confidence)
    {
        if (margin <= 0)
        {
            return int.MaxValue;
        }

        var z = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2)) + Normal.InvCDF(0, 1, Power);
        var n = Math.Ceiling(Math.Pow(z * differenceStandardDeviation / margin, 2));
        return n >= int.MaxValue ? int.MaxValue : Math.Max(1, (int)n);
    }

    /// <summary>The sample standard deviation of the per-example differences.</summary>
    public static double DifferenceStandardDeviation(double[] candidate, double[] champion)
    {
        var n = candidate.Length;
        if (n < 2)
        {
            return 0;
        }

        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            mean += candidate[i] - champion[i];
        }

        mean /= n;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var d = candidate[i] - champion[i] - mean;
            sum += d * d;
        }

        return Math.Sqrt(sum / (n - 1));
    }
}
