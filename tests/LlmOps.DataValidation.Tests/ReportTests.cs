using System.Text.Json;

namespace LlmOps.DataValidation.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    private ValidationReport Failing()
    {
        var path = _data.Write("train.jsonl",
            Chat.Line(("system", "Be brief."), ("user", "tiktoken is great!"), ("assistant", "yes")),
            "{broken",
            Chat.Pair("reach me at bob@example.org", "noted"));
        var rules = new ValidationRules().MaxTokens(4096, Tokenizer.O200kBase).NoPii().MaxDuplicateRate(0.01);
        return new DatasetValidator(DatasetFormat.ChatJsonl, rules).Validate([new DatasetSplit("train", path)], TestContext.Current.CancellationToken);
    }

    [Fact]
    public void The_json_report_lists_the_verdict_statistics_and_every_rule()
    {
        var report = Failing();

        using var doc = JsonDocument.Parse(JsonReport.Render(report));

        var root = doc.RootElement;
        Assert.Equal("failed", root.GetProperty("verdict").GetString());
        var split = root.GetProperty("splits")[0];
        Assert.Equal(2, split.GetProperty("statistics").GetProperty("examples").GetInt64());
        Assert.True(split.GetProperty("statistics").GetProperty("totalTokens").GetInt64() > 0);
        var rules = root.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(report.Rules.Count, rules.Count);
        var malformed = rules.Single(r => r.GetProperty("ruleId").GetString() == RuleIds.MalformedJson);
        Assert.True(malformed.GetProperty("violated").GetBoolean());
        Assert.Equal(2, malformed.GetProperty("samples")[0].GetProperty("line").GetInt64());
    }

    [Fact]
    public void The_markdown_summary_names_each_violated_rule_and_its_findings()
    {
        var md = MarkdownReport.Render(Failing());

        Assert.StartsWith("### ❌ Data validation: failed", md);
        Assert.Contains("| `structure.malformed-json` | train | error |", md);
        Assert.Contains("| `pii.email` | train | error |", md);
        Assert.Contains("train.jsonl:2:", md);
        Assert.DoesNotContain("bob@example.org", md);
    }

    [Fact]
    public void The_html_report_is_self_contained_with_histograms()
    {
        var html = HtmlReport.Render(Failing());

        Assert.Contains("<svg", html);
        Assert.Contains("Tokens per example", html);
        Assert.Contains("Turns per example", html);
        Assert.Contains("Role mix", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("<link", html);
    }

    [Fact]
    public void Report_files_are_written_atomically_into_the_folder()
    {
        var dir = Path.Combine(_data.Root, "reports");

        var paths = ReportFiles.Write(Failing(), dir);

        Assert.Equal(3, paths.Count);
        Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 100));
        Assert.Equal(3, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public void The_console_lines_end_with_the_verdict()
    {
        var lines = ConsoleReport.Lines(Failing());

        Assert.StartsWith("Data validation failed", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("error structure.malformed-json [train]", StringComparison.Ordinal));
    }
}
