using LlmOps.Evaluation.Statistics;

namespace LlmOps.Evaluation.Tests.Statistics;

public sealed class McNemarTests
{
    [Fact]
    public void The_exact_p_value_is_twice_the_binomial_tail_of_the_discordant_pairs()
    {
        // 10 vs 2 discordant: 2 * P(X <= 2 | n = 12, p = 1/2) = 2 * (1 + 12 + 66) / 4096.
        var test = McNemar.FromCounts(10, 2);

        Assert.Equal(2 * 79 / 4096.0, test.PValue, 12);
    }

    [Fact]
    public void Only_discordant_examples_count_and_agreement_everywhere_gives_p_of_one()
    {
        bool[] candidate = [true, true, false, false, true];
        bool[] champion = [true, false, false, true, true];

        var test = McNemar.Test(candidate, champion);

        Assert.Equal((1, 1), (test.CandidateOnly, test.ChampionOnly));
        Assert.Equal(1.0, McNemar.Test(candidate, candidate).PValue);
    }

    [Fact]
    public void The_sample_size_for_a_margin_follows_the_normal_approximation()
    {
        // ((1.959964 + 0.841621) * 0.5 / 0.05)^2 = 784.9
        Assert.Equal(785, SampleSize.ForPairedDifference(0.5, 0.05, 0.95));
        Assert.Equal(int.MaxValue, SampleSize.ForPairedDifference(0.5, 0, 0.95));
    }
}
