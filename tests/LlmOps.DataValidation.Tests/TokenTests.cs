namespace LlmOps.DataValidation.Tests;

public sealed class TokenTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    // Reference counts from tiktoken as published in OpenAI's "How to count tokens with tiktoken" cookbook.
    [Theory]
    [InlineData("cl100k_base", "tiktoken is great!", 6)]
    [InlineData("o200k_base", "tiktoken is great!", 6)]
    [InlineData("cl100k_base", "antidisestablishmentarianism", 6)]
    [InlineData("o200k_base", "antidisestablishmentarianism", 6)]
    [InlineData("cl100k_base", "2 + 2 = 4", 7)]
    [InlineData("o200k_base", "2 + 2 = 4", 7)]
    [InlineData("cl100k_base", "お誕生日おめでとう", 9)]
    [InlineData("o200k_base", "お誕生日おめでとう", 8)]
    public void Counts_match_tiktoken(string encoding, string text, int expected)
    {
        var tokenizer = encoding == "o200k_base" ? Tokenizer.O200kBase : Tokenizer.Cl100kBase;

        Assert.Equal(expected, tokenizer.CountTokens(text));
    }

    [Fact]
    public void Content_only_counts_are_summed_per_example_and_per_role()
    {
        var path = _data.Write("t.jsonl", Chat.Pair("tiktoken is great!", "2 + 2 = 4"), Chat.Pair("antidisestablishmentarianism", "tiktoken is great!"));
        var rules = new ValidationRules().CountTokens(Tokenizer.Cl100kBase).TokenCounting(TokenCountMode.ContentOnly);

        var st = new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate(path).Splits[0].Statistics;

        Assert.Equal(6 + 7 + 6 + 6, st.TotalTokens);
        Assert.Equal(12, st.TokensPerRole["user"]);
        Assert.Equal(13, st.TokensPerRole["assistant"]);
        Assert.Equal(13, st.MaxExampleTokens);
        Assert.Equal("cl100k_base", st.Tokenizer);
    }

    [Fact]
    public void Chat_format_counts_add_the_cookbook_overhead_per_message_and_reply()
    {
        var path = _data.Write("t.jsonl", Chat.Pair("tiktoken is great!", "2 + 2 = 4"));
        var rules = new ValidationRules().CountTokens(Tokenizer.Cl100kBase);

        var st = new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate(path).Splits[0].Statistics;

        // 3 per message + the role's own token each ("user", "assistant": 1 each) + 3 priming the reply.
        Assert.Equal(6 + 7 + (2 * 3) + 2 + 3, st.TotalTokens);
    }

    [Fact]
    public void Examples_over_the_limit_fail_the_max_tokens_rule()
    {
        var path = _data.Write("t.jsonl", Chat.Pair("short", "ok"), Chat.Pair(string.Join(' ', Enumerable.Repeat("word", 100)), "ok"));
        var rules = new ValidationRules().MaxTokens(50, Tokenizer.O200kBase);

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate(path);

        Assert.Equal(Verdict.Failed, report.Verdict);
        var rule = Assert.Single(report.Violations);
        Assert.Equal(RuleIds.MaxTokens, rule.RuleId);
        Assert.Equal(2, Assert.Single(rule.Samples).Line);
        Assert.Equal(0, report.Splits[0].Statistics.InvalidExamples);
    }

    [Fact]
    public void Preference_pairs_count_the_prompt_and_the_longer_answer()
    {
        var path = _data.Write("p.jsonl", """{"prompt":"tiktoken is great!","chosen":"2 + 2 = 4","rejected":"antidisestablishmentarianism"}""");
        var rules = new ValidationRules().CountTokens(Tokenizer.Cl100kBase);

        var st = new DatasetValidator(DatasetFormat.PreferenceJsonl, rules).Validate(path).Splits[0].Statistics;

        Assert.Equal(6 + 7, st.TotalTokens);
    }
}
