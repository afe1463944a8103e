using LlmOps.Evaluation.Statistics;

namespace LlmOps.Evaluation;

/// <summary>
/// The measured metrics of one eval set, for candidate and champion, with its slices and bootstrap settings. Every
/// interval it computes draws resample <c>b</c> from the same seed stream, so all statistics are paired.
/// </summary>
internal sealed class GateAnalysis
{
    private readonly IReadOnlyDictionary<string, Measurement> _candidate;
    private readonly IReadOnlyDictionary<string, Measurement>? _champion;
    private readonly IReadOnlyDictionary<string, bool> _higherIsBetter;
    private readonly int[] _sliceOf;

    public GateAnalysis(
        int examples,
        IReadOnlyDictionary<string, Measurement> candidate,
        IReadOnlyDictionary<string, Measurement>? champion,
        IReadOnlyDictionary<string, bool> higherIsBetter,
        IReadOnlyList<string> sliceNames,
        int[] sliceOf,
        int resamples,
        ulong seed)
    {
        (Examples, _candidate, _champion, _higherIsBetter, SliceNames, _sliceOf, Resamples, Seed) =
            (examples, candidate, champion, higherIsBetter, sliceNames, sliceOf, resamples, seed);
    }

    public int Examples { get; }

    public int Resamples { get; }

    public ulong Seed { get; }

    public bool HasChampion => _champion is not null;

    public IReadOnlyList<string> SliceNames { get; }

    public Measurement Candidate(string metric) => _candidate[metric];

    public Measurement Champion(string metric) => _champion![metric];

    public bool HigherIsBetter(string metric) => _higherIsBetter[metric];

    /// <summary>Examples in slice <paramref name="slice"/>.</summary>
    public int SliceSize(int slice) => _sliceOf.Count(s => s == slice);

    /// <summary>The statistic on the whole eval set with its percentile bootstrap interval.</summary>
    public Interval Interval(Statistic statistic, double confidence)
    {
        var all = Enumerable.Range(0, Examples).ToArray();
        var replicates = Bootstrap.Replicates(Examples, Resamples, Seed, indices => statistic(indices));
        return Quantiles.Percentile(statistic(all), replicates, confidence);
    }

    /// <summary>The metric on one slice: each resample keeps only its examples of that slice.</summary>
    public Interval SliceInterval(Measurement measurement, int slice, double confidence) =>
        Interval(indices => measurement.Over(InSlice(indices, slice)), confidence);

    /// <summary>Best slice minus worst slice (slices the resample missed are left out); NaN with fewer than two.</summary>
    public double SliceGap(Measurement measurement, ReadOnlySpan<int> indices)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        var seen = 0;
        for (var slice = 0; slice < SliceNames.Count; slice++)
        {
            var value = measurement.Over(InSlice(indices, slice));
            if (double.IsNaN(value))
            {
                continue;
            }

            seen++;
            low = Math.Min(low, value);
            high = Math.Max(high, value);
        }

        return seen < 2 ? double.NaN : high - low;
    }

    private int[] InSlice(ReadOnlySpan<int> indices, int slice)
    {
        var kept = new List<int>(indices.Length / Math.Max(1, SliceNames.Count));
        foreach (var i in indices)
        {
            if (_sliceOf[i] == slice)
            {
                kept.Add(i);
            }
        }

        return [.. kept];
    }
}
