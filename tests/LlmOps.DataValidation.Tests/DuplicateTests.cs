using CsCheck;

namespace LlmOps.DataValidation.Tests;

public sealed class DuplicateTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    private static string Sentence(int i) =>
        $"customer {i} asks how to reset the password for account number {i * 7} because the login page keeps rejecting it after the update";

    [Fact]
    public void Exact_duplicates_ignore_case_and_whitespace_and_name_the_earlier_line()
    {
        var lines = Enumerable.Range(0, 98).Select(i => Chat.Pair(Sentence(i), "ok")).Append(Chat.Pair("CUSTOMER 5 asks  how to reset the password for account number 35 because the login page keeps rejecting it after the update", "ok")).Append(Chat.Pair(Sentence(9), "ok")).ToArray();
        var path = _data.Write("d.jsonl", lines);

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().MaxDuplicateRate(0.01)).Validate(path);

        var rule = Assert.Single(report.Rules, r => r.RuleId == RuleIds.ExactDuplicates);
        Assert.True(rule.Violated);
        Assert.Equal(2, rule.TotalFindings);
        Assert.Contains("line 6", rule.Samples[0].Message);
        Assert.Equal(99, rule.Samples[0].Line);
        Assert.Equal(Verdict.Failed, report.Verdict);
    }

    [Fact]
    public void A_duplicate_rate_within_the_threshold_passes()
    {
        var lines = Enumerable.Range(0, 99).Select(i => Chat.Pair(Sentence(i), "ok")).Append(Chat.Pair(Sentence(3), "ok")).ToArray();

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().MaxDuplicateRate(0.01)).Validate(_data.Write("d.jsonl", lines));

        Assert.Equal(Verdict.Passed, report.Verdict);
        Assert.Equal(1, report.Splits[0].Statistics.ExactDuplicates);
    }

    [Fact]
    public void Near_duplicates_are_found_above_the_jaccard_threshold_and_different_texts_are_not()
    {
        var near = Sentence(1).Replace("keeps rejecting it", "keeps on rejecting it", StringComparison.Ordinal);
        var lines = new[] { Chat.Pair(Sentence(1), "ok"), Chat.Pair("what is the weather like in paris during the spring", "ok"), Chat.Pair(near, "ok"), Chat.Pair("how do i bake sourdough bread with a crispy crust", "ok") };
        var rules = new ValidationRules().MaxNearDuplicateRate(0.1, jaccard: 0.6, Severity.Error);

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate(_data.Write("n.jsonl", lines));

        var rule = Assert.Single(report.Rules, r => r.RuleId == RuleIds.NearDuplicates);
        Assert.Equal(1, rule.TotalFindings);
        Assert.Equal(3, rule.Samples[0].Line);
        Assert.Contains("line 1", rule.Samples[0].Message);
        Assert.True(rule.Violated);
    }

    [Fact]
    public void Each_near_duplicate_names_the_earliest_similar_line_and_findings_come_in_line_order()
    {
        var lines = Enumerable.Range(0, 40).Select(i => Chat.Pair(string.Join(' ', Enumerable.Range(0, 12).Select(k => $"w{(i * 12) + k}")), "ok")).ToList();
        foreach (var at in new[] { 5, 12, 30 })
        {
            lines[at] = Chat.Pair(Sentence(1).Replace("keeps rejecting it", $"keeps rejecting it {at}", StringComparison.Ordinal), "ok");
        }

        var rules = new ValidationRules().MaxNearDuplicateRate(0.5, jaccard: 0.6);

        var rule = Assert.Single(new DatasetValidator(DatasetFormat.ChatJsonl, rules) { Parallelism = 2 }.Validate(_data.Write("e.jsonl", [.. lines])).Rules, r => r.RuleId == RuleIds.NearDuplicates);

        Assert.Equal([13L, 31L], rule.Samples.Select(s => s.Line));
        Assert.All(rule.Samples, s => Assert.Contains("line 6 ", s.Message));
    }

    [Fact]
    public void Leakage_from_eval_into_train_is_found_exactly_and_nearly()
    {
        var train = _data.Write("train.jsonl", Enumerable.Range(0, 50).Select(i => Chat.Pair(Sentence(i), "ok")).ToArray());
        var eval = _data.Write("eval.jsonl",
            Chat.Pair("an unrelated question about invoices and taxes in germany for freelancers", "ok"),
            Chat.Pair(Sentence(7).ToUpperInvariant(), "ok"),
            Chat.Pair(Sentence(20).Replace("after the update", "after the latest update", StringComparison.Ordinal), "ok"));
        var rules = new ValidationRules().NoLeakage(between: "train", and: "eval", nearJaccard: 0.6);

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate([new DatasetSplit("eval", eval), new DatasetSplit("train", train)], TestContext.Current.CancellationToken);

        Assert.Equal(Verdict.Failed, report.Verdict);
        var exact = Assert.Single(report.Rules, r => r.RuleId == RuleIds.ExactLeakage);
        Assert.Equal(2, Assert.Single(exact.Samples).Line);
        Assert.Contains("'train' at line 8", exact.Samples[0].Message);
        var nearly = Assert.Single(report.Rules, r => r.RuleId == RuleIds.NearLeakage);
        Assert.Equal(3, Assert.Single(nearly.Samples).Line);
        Assert.Equal(["eval", "train"], report.Splits.Select(s => s.Name));
    }

    [Fact]
    public void Leakage_rules_naming_an_unknown_split_are_a_configuration_error()
    {
        var path = _data.Write("a.jsonl", Chat.Pair("a", "b"));
        var rules = new ValidationRules().NoLeakage("train", "test");

        var ex = Assert.Throws<DataValidationException>(() => new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate([new DatasetSplit("train", path)], TestContext.Current.CancellationToken));

        Assert.Contains("'test'", ex.Message);
    }

    [Fact]
    public void A_full_index_counts_the_examples_it_could_not_check()
    {
        var lines = Enumerable.Range(0, 20).Select(i => Chat.Pair(Sentence(i), "ok")).ToArray();
        var rules = new ValidationRules().MaxDuplicateRate(0.5).DuplicateIndexLimit(5);

        var st = new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate(_data.Write("f.jsonl", lines)).Splits[0].Statistics;

        Assert.Equal(15, st.NotIndexed);
    }

    [Theory]
    [InlineData(0.5, 32, 2)]
    [InlineData(0.8, 16, 4)]
    [InlineData(0.95, 8, 8)]
    public void Lsh_banding_puts_the_s_curve_just_below_the_threshold(double jaccard, int bands, int rows)
    {
        Assert.Equal((bands, rows), Duplicates.DuplicateIndex.ChooseBands(jaccard));
    }
}

public sealed class MinHashTests
{
    [Theory]
    [InlineData(202, 0)]
    [InlineData(202, 50)]
    [InlineData(202, 100)]
    [InlineData(202, 150)]
    [InlineData(202, 202)]
    [InlineData(22, 12)]
    [InlineData(22, 20)]
    [InlineData(42, 32)]
    public void The_signature_estimates_the_jaccard_similarity_of_word_shingles(int words, int shared)
    {
        // n distinct words give n - 2 shingles per text; sharing a prefix of k words shares k - 2 shingles.
        var a = Enumerable.Range(0, words).Select(i => $"w{i}").ToArray();
        var b = a.Take(shared).Concat(Enumerable.Range(1000, words - shared).Select(i => $"w{i}")).ToArray();
        var sharedShingles = Math.Max(0, shared - 2);
        var truth = sharedShingles / (double)((2 * (words - 2)) - sharedShingles);

        var estimate = Duplicates.Fingerprinter.EstimateJaccard(Signature(a), Signature(b));

        Assert.InRange(estimate, truth - 0.15, truth + 0.15);
    }

    private static uint[] Signature(string[] words)
    {
        var f = new Duplicates.Fingerprinter();
        f.Reset();
        f.Add("user", string.Join(' ', words));
        var signature = new uint[Duplicates.Fingerprinter.SignatureLength];
        f.Signature(signature);
        return signature;
    }
}

public sealed class BandTableTests
{
    [Fact]
    public void Exchange_and_find_agree_with_a_dictionary_across_growth_and_reserve()
    {
        Gen.Select(Gen.ULong[0, 5000], Gen.Bool).Array[0, 4000].Sample(operations =>
        {
            // Keys 0..5000 have distinct 31-bit tags, so no two of them share a bucket and a dictionary is the exact model.
            var table = new Duplicates.BandTable();
            var expected = new Dictionary<ulong, int>();
            table.Reserve(operations.Length / 2);
            for (var i = 0; i < operations.Length; i++)
            {
                var (key, exchange) = operations[i];
                if (exchange)
                {
                    Assert.Equal(expected.GetValueOrDefault(key, -1), table.Exchange(key, i));
                    expected[key] = i;
                }
                else
                {
                    Assert.Equal(expected.GetValueOrDefault(key, -1), table.Find(key));
                }
            }

            Assert.Equal(expected.Count, table.Count);
        }, iter: 200);
    }
}
