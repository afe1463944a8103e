namespace LlmOps.DataValidation.Tests;

/// <summary>Valid JSON that readers disagree about or that once broke the checker: lone surrogates, duplicate keys, deep nesting.</summary>
public sealed class ReaderDisagreementTests : IDisposable
{
    private const string Answer = """{"role":"assistant","content":"ok"}""";

    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    private ValidationReport Validate(ValidationRules rules, params string[] lines) =>
        new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate(_data.Write("d.jsonl", lines));

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi \ud800"},""" + Answer + "]}")]
    [InlineData("""{"messages":[{"role":"user","content":"hi \udc00 and \ud83d\ude00"},""" + Answer + "]}")]
    [InlineData("""{"messages":[{"role":"user","content":"hi","\ud800":1},""" + Answer + "]}")]
    [InlineData("""{"messages":[{"role":"us\ud800er","content":"hi"},""" + Answer + "]}")]
    public void A_lone_surrogate_escape_is_a_finding_not_an_internal_error(string line)
    {
        var report = Validate(new ValidationRules().CountTokens(Tokenizer.O200kBase).NoPii(), line);

        Assert.DoesNotContain(report.Findings, f => f.RuleId == RuleIds.Internal);
        var finding = Assert.Single(report.Findings, f => f.RuleId == RuleIds.LoneSurrogate);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.NotNull(finding.Column);
        Assert.Equal(1, report.Splits[0].Statistics.Examples);
    }

    [Fact]
    public void A_lone_surrogate_counts_as_the_replacement_character_as_tiktoken_does()
    {
        var rules = new ValidationRules().CountTokens(Tokenizer.O200kBase).TokenCounting(TokenCountMode.ContentOnly);

        var lone = Validate(rules, """{"messages":[{"role":"user","content":"hi \ud800 there"},""" + Answer + "]}");

        var expected = Tokenizer.O200kBase.CountTokens("hi \uFFFD there") + Tokenizer.O200kBase.CountTokens("ok");
        Assert.Equal(expected, lone.Splits[0].Statistics.TotalTokens);
    }

    [Fact]
    public void The_lone_surrogate_severity_is_configurable()
    {
        var report = Validate(new ValidationRules().WithSeverity(RuleIds.LoneSurrogate, Severity.Error), """{"messages":[{"role":"user","content":"hi \ud800"},""" + Answer + "]}");

        Assert.Equal(Verdict.Failed, report.Verdict);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"first","content":"second"},""" + Answer + "]}", 47)]
    [InlineData("""{"messages":[{"role":"user","content":"x"},""" + Answer + """],"messages":[]}""", 81)]
    [InlineData("""{"messages":[{"role":"user","content":"x","r\u006fle":"system"},""" + Answer + "]}", 43)]
    public void A_duplicate_key_is_an_error_at_its_second_occurrence(string line, int column)
    {
        var report = Validate(new ValidationRules(), line);

        var finding = Assert.Single(report.Findings, f => f.RuleId == RuleIds.DuplicateKey);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(column, finding.Column);
        Assert.Equal(Verdict.Failed, report.Verdict);
    }

    [Fact]
    public void Duplicates_are_found_in_large_objects_and_equal_keys_in_different_objects_are_not_duplicates()
    {
        var fields = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"f{i}\":{i}"));
        var big = """{"messages":[{"role":"user","content":"x"},""" + Answer + "],\"meta\":{" + fields + ",\"f7\":0}}";
        var clean = """{"messages":[{"role":"user","content":"x"},""" + Answer + "]}";

        var report = Validate(new ValidationRules().Disable(RuleIds.UnknownField), big, clean);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(RuleIds.DuplicateKey, finding.RuleId);
        Assert.Equal(1, finding.Line);
        Assert.Contains("'f7'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_json_deeper_than_64_levels_is_read_and_deeper_than_the_limit_is_reported_as_too_deep()
    {
        static string Nested(int depth) => """{"messages":[{"role":"user","content":"x"},""" + Answer + "],\"meta\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";

        var report = Validate(new ValidationRules().Disable(RuleIds.UnknownField), Nested(100), Nested(300));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(RuleIds.TooDeep, finding.RuleId);
        Assert.Equal(2, finding.Line);
        Assert.Contains("256", finding.Message, StringComparison.Ordinal);
        Assert.Equal(1, report.Splits[0].Statistics.InvalidExamples);
    }
}
