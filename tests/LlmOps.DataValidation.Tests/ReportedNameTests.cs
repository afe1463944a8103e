namespace LlmOps.DataValidation.Tests;

/// <summary>Names from the data (roles, fields, part types, keys) reach reports only when they cannot be secrets.</summary>
public sealed class ReportedNameTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("""{"messages":[{"role":"AKIAIOSFODNN7EXAMPLE","content":"x"},{"role":"assistant","content":"ok"}]}""", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("""{"messages":[{"role":"user","content":"x","536-22-1234":1},{"role":"assistant","content":"ok"}]}""", "536-22-1234")]
    [InlineData("""{"4111-1111-1111-1111":1,"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"ok"}]}""", "4111-1111-1111-1111")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"4111-1111-1111-1111"}]},{"role":"assistant","content":"ok"}]}""", "4111-1111-1111-1111")]
    [InlineData("""{"messages":[{"role":"user","content":"x","AKIAIOSFODNN7EXAMPLE":1,"AKIAIOSFODNN7EXAMPLE":2},{"role":"assistant","content":"ok"}]}""", "AKIAIOSFODNN7EXAMPLE")]
    public void A_name_that_looks_like_a_secret_is_not_printed_in_any_report(string line, string secret)
    {
        var report = new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules()).Validate(_data.Write("n.jsonl", line));

        Assert.NotEmpty(report.Findings);
        Assert.All(report.Findings, f => Assert.DoesNotContain(secret, f.Message + f.FieldPath, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, JsonReport.Render(report), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, MarkdownReport.Render(report), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, string.Join("\n", ConsoleReport.Lines(report)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_ordinary_unknown_name_is_still_printed()
    {
        var line = """{"messages":[{"role":"moderator","content":"x","mood":"calm"},{"role":"assistant","content":"ok"}]}""";

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules()).Validate(_data.Write("n.jsonl", line));

        Assert.Contains(report.Findings, f => f.Message.Contains("'moderator'", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.FieldPath == "messages[0].mood");
    }
}
