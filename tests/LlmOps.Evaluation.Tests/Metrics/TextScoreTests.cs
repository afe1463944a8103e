namespace LlmOps.Evaluation.Tests.Metrics;

public sealed class TextScoreTests
{
    [Fact]
    public void Exact_match_ignores_case_punctuation_articles_and_spacing()
    {
        Assert.Equal(1, TextScores.ExactMatch("The  Eiffel tower!", "eiffel Tower"));
        Assert.Equal(0, TextScores.ExactMatch("Eiffel tower", "Louvre"));
    }

    [Fact]
    public void Token_f1_counts_each_shared_token_at_most_as_often_as_in_both()
    {
        // predicted: [red, red, car]; reference: [red, car, is, fast]: 2 shared -> P 2/3, R 2/4, F1 4/7.
        Assert.Equal(4 / 7.0, TextScores.TokenF1("red red car", "the red car is fast"), 12);
    }

    [Fact]
    public void Rouge_l_is_the_f1_of_the_longest_common_subsequence()
    {
        // LCS of "police killed the gunman" and "police kill the gunman" is [police, the, gunman]: P = R = 3/4.
        Assert.Equal(0.75, TextScores.RougeL("police killed the gunman", "police kill the gunman"), 12);
    }

    [Fact]
    public void Chrf_is_one_for_identical_text_zero_for_disjoint_and_penalises_missing_recall_more()
    {
        Assert.Equal(1, TextScores.ChrF("the cat sat", "the cat sat"), 12);
        Assert.Equal(0, TextScores.ChrF("xyz", "abc"), 12);
        var shortAnswer = TextScores.ChrF("the cat", "the cat sat on the mat");
        var longAnswer = TextScores.ChrF("the cat sat on the mat today again", "the cat sat on the mat");
        Assert.True(shortAnswer < longAnswer, $"{shortAnswer} vs {longAnswer}");
    }
}
