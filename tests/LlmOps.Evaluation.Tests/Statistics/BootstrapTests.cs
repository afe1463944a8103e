using CsCheck;
using LlmOps.Evaluation.Statistics;

namespace LlmOps.Evaluation.Tests.Statistics;

public sealed class BootstrapTests
{
    // Coverage is a frequency: 200 intervals per case give a standard error of 1.5 points around 95%, so the band
    // [88%, 99%] fails a correct bootstrap with probability well under 1e-4 and a broken one (a 68% interval) always.
    private const int Trials = 200;

    [Fact]
    public void Intervals_of_a_bernoulli_mean_cover_the_true_rate_about_95_percent_of_the_time()
    {
        Gen.Select(Gen.Double[0.2, 0.8], Gen.Int[150, 400]).Sample((p, n) =>
        {
            var covered = 0;
            for (var trial = 0; trial < Trials; trial++)
            {
                var rng = new Random(HashCode.Combine(p, n, trial));
                var scores = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < p ? 1.0 : 0.0).ToArray();
                covered += Bootstrap.Mean(scores, 400, (ulong)trial, 0.95).Contains(p) ? 1 : 0;
            }

            return covered is >= (int)(0.88 * Trials) and <= (int)(0.99 * Trials);
        }, iter: 4, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Intervals_of_a_paired_normal_difference_cover_the_true_difference_about_95_percent_of_the_time()
    {
        Gen.Select(Gen.Double[-0.2, 0.2], Gen.Double[0.1, 1.0]).Sample((difference, spread) =>
        {
            var covered = 0;
            for (var trial = 0; trial < Trials; trial++)
            {
                var rng = new Random(HashCode.Combine(difference, spread, trial));
                var champion = Enumerable.Range(0, 200).Select(_ => Normal(rng)).ToArray();
                var candidate = champion.Select(c => c + difference + (spread * Normal(rng))).ToArray();
                covered += Bootstrap.PairedMeanDifference(candidate, champion, 400, (ulong)trial, 0.95).Contains(difference) ? 1 : 0;
            }

            return covered is >= (int)(0.88 * Trials) and <= (int)(0.99 * Trials);
        }, iter: 4, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Pairing_removes_what_candidate_and_champion_share_so_the_interval_is_narrower_than_unpaired()
    {
        var rng = new Random(3);
        var shared = Enumerable.Range(0, 300).Select(_ => Normal(rng) * 5).ToArray();
        var champion = shared.Select(s => s + Normal(rng)).ToArray();
        var candidate = shared.Select(s => s + 0.3 + Normal(rng)).ToArray();

        var paired = Bootstrap.PairedMeanDifference(candidate, champion, 1000, 1, 0.95);
        var candidateAlone = Bootstrap.Mean(candidate, 1000, 1, 0.95);

        Assert.True(paired.High - paired.Low < (candidateAlone.High - candidateAlone.Low) / 3, $"{paired} vs {candidateAlone}");
        Assert.True(paired.Low > 0, paired.ToString());
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval_and_another_seed_another()
    {
        var scores = Enumerable.Range(0, 500).Select(i => (double)(i * 7919 % 13 > 3 ? 1 : 0)).ToArray();

        var first = Bootstrap.Mean(scores, 2000, 42, 0.95);
        var again = Bootstrap.Mean(scores, 2000, 42, 0.95);
        var other = Bootstrap.Mean(scores, 2000, 43, 0.95);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Scores_of_different_examples_cannot_be_paired()
    {
        var error = Assert.Throws<ArgumentException>(() => Bootstrap.PairedMeanDifference([1, 0, 1], [1, 0], 100, 1, 0.95));

        Assert.Contains("3 candidate vs 2 champion", error.Message);
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
