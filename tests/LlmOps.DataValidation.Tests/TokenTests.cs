using CsCheck;
using Microsoft.ML.Tokenizers;

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
        Assert.Equal(expected, Encoding(encoding).CountTokens(text));
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

    private static Tokenizer Encoding(string name) => name == "o200k_base" ? Tokenizer.O200kBase : Tokenizer.Cl100kBase;

    private static readonly string[] Awkward =
    [
        "Hello <|endoftext|> world <|endofprompt|>x", "<|endoftext|><|endoftext|>", "<|fim_prefix|>a<|fim_suffix|>b<|fim_middle|>",
        "  \n\n  tabs\t\there \r\n", "123456789 1,234.56 0x1F", "ünïcödé naïve café", "日本語のテキスト", "😀👍🏽 emoji", "don't WE'LL they'Re I'M",
        "supercalifragilisticexpialidocious-and-antidisestablishmentarianism", "    trailing spaces    ", "a/b/c\n/d", "İstanbul ǅemal",
        "{\"order\":42}", "", " ", "x",
    ];

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Counts_equal_the_library_tokenizers_own_on_awkward_and_random_text(string encoding)
    {
        var ours = Encoding(encoding);

        // A fresh library tokenizer for the special tokens: its own count forgets them once its cache turns over.
        var library = TiktokenTokenizer.CreateForEncoding(encoding);
        foreach (var text in Awkward)
        {
            Assert.Equal(library.CountTokens(text), ours.CountTokens(text));
        }

        Gen.String.Sample(text => Assert.Equal(library.CountTokens(text), ours.CountTokens(text)), iter: 2000);
        Gen.Char["a Z0'\n\t<|>endoftxé日"].Array[0, 80].Select(c => new string(c)).Sample(text => Assert.Equal(library.CountTokens(text), ours.CountTokens(text)), iter: 2000);
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void Pieces_are_split_exactly_as_the_library_splits_them(string encoding)
    {
        var ours = Encoding(encoding);
        var library = TiktokenTokenizer.CreateForEncoding(encoding);
        var mine = new RegexPreTokenizer(new System.Text.RegularExpressions.Regex(ours.Pattern), library.SpecialTokens);

        foreach (var text in Awkward)
        {
            Assert.Equal(library.PreTokenizer!.PreTokenize(text), mine.PreTokenize(text));
        }
    }

    [Fact]
    public void Special_tokens_count_as_one_token_however_much_text_was_counted_before()
    {
        var before = Tokenizer.O200kBase.CountTokens("a <|endoftext|> b");

        // More distinct short pieces than the library's 8,192-entry cache, which is where it keeps special tokens.
        for (var i = 0; i < 20_000; i++)
        {
            Tokenizer.O200kBase.CountTokens($"w{i}q z{i * 7}x");
        }

        Assert.Equal(before, Tokenizer.O200kBase.CountTokens("a <|endoftext|> b"));
        Assert.Equal(1, Tokenizer.O200kBase.CountTokens("<|endoftext|>"));
        Assert.Equal(2, Tokenizer.Cl100kBase.CountTokens("<|fim_prefix|><|fim_suffix|>"));
    }

    [Fact]
    public void Counting_from_many_threads_at_once_gives_the_single_thread_counts()
    {
        var texts = Enumerable.Range(0, 400).Select(i => $"example {i}: " + string.Join(' ', Enumerable.Repeat(Awkward[i % Awkward.Length], 1 + (i % 5)))).ToArray();
        var expected = texts.Select(Tokenizer.O200kBase.CountTokens).ToArray();

        var actual = new int[texts.Length];
        Parallel.For(0, texts.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i % texts.Length] = Tokenizer.O200kBase.CountTokens(texts[i % texts.Length]));

        Assert.Equal(expected, actual);
    }
}
