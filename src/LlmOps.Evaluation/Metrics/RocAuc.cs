namespace LlmOps.Evaluation;

/// <summary>
/// ROC AUC over any subset of examples (a resample with repeats, a slice) in linear time: the examples are sorted by
/// score once, and each subset is swept in that order counting how many negatives each positive outscores. Sorting per
/// resample, as a general evaluator does, would make a 10,000-resample bootstrap n log n times slower.
/// </summary>
internal static class RocAuc
{
    /// <summary>The AUC statistic of examples with these scores and labels; NaN for a subset without both labels.</summary>
    public static Statistic Prepare(double[] score, bool[] positive)
    {
        var order = Enumerable.Range(0, score.Length).OrderBy(i => score[i]).ToArray();

        // groupEnd[k]: where the run of equal scores holding order[k] ends, so tied examples are counted together.
        var groupEnd = new int[order.Length];
        for (var k = order.Length - 1; k >= 0; k--)
        {
            groupEnd[k] = k + 1 < order.Length && score[order[k + 1]] == score[order[k]] ? groupEnd[k + 1] : k + 1;
        }

        return indices =>
        {
            if (indices.IsEmpty)
            {
                return double.NaN;
            }

            var times = new int[score.Length];
            foreach (var i in indices)
            {
                times[i]++;
            }

            double wins = 0, negativesBelow = 0, positives = 0;
            for (var k = 0; k < order.Length; k = groupEnd[k])
            {
                double pos = 0, neg = 0;
                for (var j = k; j < groupEnd[k]; j++)
                {
                    var n = times[order[j]];
                    if (positive[order[j]])
                    {
                        pos += n;
                    }
                    else
                    {
                        neg += n;
                    }
                }

                wins += (pos * negativesBelow) + (0.5 * pos * neg);
                negativesBelow += neg;
                positives += pos;
            }

            return positives == 0 || negativesBelow == 0 ? double.NaN : wins / (positives * negativesBelow);
        };
    }
}
