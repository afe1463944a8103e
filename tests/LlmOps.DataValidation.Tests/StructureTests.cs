using System.Text;

namespace LlmOps.DataValidation.Tests;

public sealed class StructureTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    private static ValidationReport Validate(string path, ValidationRules? rules = null) =>
        new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate(path);

    private static Finding Single(ValidationReport report, string ruleId) => Assert.Single(report.Findings, f => f.RuleId == ruleId);

    [Fact]
    public void A_valid_chat_file_passes_with_every_example_counted()
    {
        var path = _data.Write("ok.jsonl",
            Chat.Line(("system", "You are terse."), ("user", "Hi"), ("assistant", "Hello.")),
            """{"messages":[{"role":"user","content":[{"type":"text","text":"What is in the image?"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]},{"role":"assistant","content":"A cat."}]}""",
            """{"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"weather","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"sunny"},{"role":"assistant","content":"Sunny.","weight":1}]}""");

        var report = Validate(path);

        Assert.Equal(Verdict.Passed, report.Verdict);
        Assert.Empty(report.Findings);
        Assert.Equal(3, report.Splits[0].Statistics.Examples);
        Assert.Equal(3, report.Splits[0].Statistics.MessagesPerRole["user"]);
    }

    [Fact]
    public void A_malformed_line_is_reported_with_line_and_column_and_the_scan_continues()
    {
        var path = _data.Write("bad.jsonl", Chat.Pair("a", "b"), """{"messages": [}""", Chat.Pair("c", "d"));

        var report = Validate(path);

        var f = Single(report, RuleIds.MalformedJson);
        Assert.Equal(2, f.Line);
        Assert.Equal(15, f.Column);
        Assert.Equal(path, f.File);
        Assert.Equal(Verdict.Failed, report.Verdict);
        Assert.Equal(2, report.Splits[0].Statistics.Examples);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"},{"role":"bot","content":"x"}]}""", RuleIds.UnknownRole, "messages[1].role")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"  "}]}""", RuleIds.EmptyContent, "messages[1].content")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", RuleIds.LastTurnNotAssistant, "messages[0]")]
    [InlineData("""{"messages":[{"role":"user","content":5},{"role":"assistant","content":"x"}]}""", RuleIds.WrongType, "messages[0].content")]
    [InlineData("""{"messages":[{"content":"hi"},{"role":"assistant","content":"x"}]}""", RuleIds.MissingField, "messages[0].role")]
    [InlineData("""{"msgs":[]}""", RuleIds.MissingField, "messages")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"x","weight":2}]}""", RuleIds.WrongType, "messages[1].weight")]
    [InlineData("""{"messages":[{"role":"user","content":"hi","tool_calls":[]},{"role":"assistant","content":"x"}]}""", RuleIds.MisplacedField, "messages[0].tool_calls")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[{"id":"1","function":{"name":"f"}}]}]}""", RuleIds.MissingField, "messages[1].tool_calls[0].function.arguments")]
    [InlineData("""[1,2]""", RuleIds.WrongType, "$")]
    public void Structure_problems_name_the_rule_and_the_field_path(string line, string ruleId, string path)
    {
        var report = Validate(_data.Write("x.jsonl", Chat.Pair("ok", "fine"), line));

        var f = Assert.Single(report.Findings, f => f.RuleId == ruleId);
        Assert.Equal(path, f.FieldPath);
        Assert.Equal(2, f.Line);
        Assert.NotNull(f.Column);
        Assert.Equal(Verdict.Failed, report.Verdict);
    }

    [Fact]
    public void An_unknown_field_is_a_warning_that_does_not_fail_the_verdict()
    {
        var report = Validate(_data.Write("x.jsonl", """{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"x"}],"source":"crawl"}"""));

        var f = Single(report, RuleIds.UnknownField);
        Assert.Equal("source", f.FieldPath);
        Assert.Equal(Verdict.PassedWithWarnings, report.Verdict);
    }

    [Fact]
    public void Bom_nul_bytes_and_invalid_utf8_are_found_per_line()
    {
        var good = Encoding.UTF8.GetBytes(Chat.Pair("a", "b") + "\n");
        var nulLine = "{\"messages\":[{\"role\":\"user\",\"content\":\"a\0\"}]}";
        var nul = Encoding.UTF8.GetBytes(nulLine + "\n");
        var badUtf8 = Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":\"ab").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}]}\n")).ToArray();
        var path = _data.WriteBytes("bytes.jsonl", [0xEF, 0xBB, 0xBF, .. good, .. nul, .. badUtf8, .. good]);

        var report = Validate(path);

        Assert.Equal(1, Single(report, RuleIds.Bom).Line);
        var n = Single(report, RuleIds.NulByte);
        Assert.Equal(2, n.Line);
        Assert.Equal(nulLine.IndexOf('\0') + 1, n.Column);
        var u = Single(report, RuleIds.InvalidUtf8);
        Assert.Equal(3, u.Line);
        Assert.Equal(Array.IndexOf(badUtf8, (byte)0xC3) + 1, u.Column);
        Assert.Equal(2, report.Splits[0].Statistics.Examples);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == RuleIds.MalformedJson);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_skipped_unread_and_reported()
    {
        var huge = Chat.Pair(new string('x', 5000), "y");
        var path = _data.Write("long.jsonl", Chat.Pair("a", "b"), huge, Chat.Pair("c", "d"));

        var report = Validate(path, new ValidationRules().MaxLineBytes(1024));

        var f = Single(report, RuleIds.LineTooLong);
        Assert.Equal(2, f.Line);
        Assert.Contains(huge.Length.ToString("N0"), f.Message);
        Assert.Equal(2, report.Splits[0].Statistics.Examples);
    }

    [Fact]
    public void Crlf_line_endings_and_a_missing_final_newline_are_accepted()
    {
        var path = _data.WriteBytes("crlf.jsonl", Encoding.UTF8.GetBytes(Chat.Pair("a", "b") + "\r\n" + Chat.Pair("c", "d")));

        var report = Validate(path);

        Assert.Equal(Verdict.Passed, report.Verdict);
        Assert.Equal(2, report.Splits[0].Statistics.Examples);
    }

    [Fact]
    public void Problems_on_many_lines_are_all_counted_but_samples_are_capped()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => i % 2 == 0 ? "{oops" : Chat.Pair($"q{i}", "a")).ToArray();
        var report = new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().MaxSamples(3)) { Parallelism = 2 }.Validate(_data.Write("many.jsonl", lines));

        var rule = Assert.Single(report.Rules, r => r.RuleId == RuleIds.MalformedJson);
        Assert.Equal(2500, rule.TotalFindings);
        Assert.Equal([1L, 3L, 5L], rule.Samples.Select(s => s.Line));
        Assert.Equal(2500, report.Splits[0].Statistics.Examples);
    }
}
