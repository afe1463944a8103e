namespace LlmOps.DataValidation.Tests;

/// <summary>Data bugs users hit: tool-call arguments that are not JSON, replies to no call, special-token text in content.</summary>
public sealed class ToolAndTemplateTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    private static string ToolLine(string arguments, string replyTo) =>
        """{"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"weather","arguments":""" +
        System.Text.Json.JsonSerializer.Serialize(arguments) + """}}]},{"role":"tool","tool_call_id":""" + System.Text.Json.JsonSerializer.Serialize(replyTo) + ""","content":"sunny"},{"role":"assistant","content":"Sunny."}]}""";

    private ValidationReport Validate(ValidationRules rules, params string[] lines) =>
        new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate(_data.Write("t.jsonl", lines));

    [Theory]
    [InlineData("{\"city\": \"Paris\"")]
    [InlineData("city=Paris")]
    [InlineData("")]
    [InlineData("{\"a\":1} {\"b\":2}")]
    public void Tool_call_arguments_that_are_not_json_are_an_error(string arguments)
    {
        var report = Validate(new ValidationRules(), ToolLine(arguments, "c1"));

        var f = Assert.Single(report.Findings);
        Assert.Equal(RuleIds.ToolArgumentsNotJson, f.RuleId);
        Assert.Equal("messages[1].tool_calls[0].function.arguments", f.FieldPath);
        Assert.Equal(Verdict.Failed, report.Verdict);
    }

    [Fact]
    public void Json_arguments_and_a_matching_reply_pass()
    {
        Assert.Empty(Validate(new ValidationRules(), ToolLine("{\"city\":\"Paris\"}", "c1"), ToolLine("[]", "c1")).Findings);
    }

    [Fact]
    public void A_tool_reply_to_no_earlier_call_is_an_error()
    {
        var report = Validate(new ValidationRules(), ToolLine("{}", "c2"));

        var f = Assert.Single(report.Findings);
        Assert.Equal(RuleIds.UnmatchedToolCallId, f.RuleId);
        Assert.Equal("messages[2].tool_call_id", f.FieldPath);
        Assert.Contains("'c2'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Special_token_text_in_content_is_a_warning_that_says_how_it_was_counted()
    {
        var rules = new ValidationRules().CountTokens(Tokenizer.O200kBase).TokenCounting(TokenCountMode.ContentOnly);

        var report = Validate(rules, Chat.Pair("hi<|endoftext|>", "ok"), Chat.Pair("x", "<|im_start|>assistant"), Chat.Pair("a < b | c > d", "ok"));

        var findings = report.Findings.ToList();
        Assert.Equal(Verdict.PassedWithWarnings, report.Verdict);
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(RuleIds.SpecialTokenText, f.RuleId));
        Assert.Contains("'<|endoftext|>'", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("counted as 1 token", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("not a o200k_base special token", findings[1].Message, StringComparison.Ordinal);
        Assert.Equal("messages[1].content", findings[1].FieldPath);
    }
}
