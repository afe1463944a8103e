using LlmOps.Cli;

namespace LlmOps.DataValidation.Tests;

public sealed class RedactionTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    private static void AssertNoKeyMaterial(string copy)
    {
        foreach (var line in PrivateKeys.Body)
        {
            Assert.DoesNotContain(line, copy, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("PRIVATE KEY-----", copy, StringComparison.Ordinal);
    }

    [Fact]
    public void The_redacted_copy_removes_whole_private_key_blocks_split_escaped_or_truncated()
    {
        var path = _data.Write("keys.jsonl", PrivateKeys.Lines());
        var output = Path.Combine(_data.Root, "redacted");

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().NoPii()) { RedactedCopyDirectory = output }.Validate(path);

        var copy = File.ReadAllText(report.Splits[0].RedactedCopyPath!);
        AssertNoKeyMaterial(copy);
        Assert.True(5 == copy.Split("[PRIVATE_KEY]").Length - 1, copy); // four keys; the split one leaves a placeholder per part
        Assert.Contains("why does ssh reject it?", copy, StringComparison.Ordinal);
        Assert.Equal(Verdict.Passed, new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().NoPii()).Validate(report.Splits[0].RedactedCopyPath!).Verdict);
    }

    [Fact]
    public void A_key_split_over_content_parts_is_reported_in_each_part()
    {
        var path = _data.Write("split.jsonl", PrivateKeys.Lines()[1]);

        var report = new DatasetValidator(DatasetFormat.ChatJsonl, new ValidationRules().NoPii(PiiKind.PrivateKey)).Validate(path);

        Assert.Equal<string>(["messages[0].content[0].text", "messages[0].content[1].text"], report.Findings.Select(f => f.FieldPath ?? "").ToArray());
        Assert.All(report.Findings, f => Assert.Equal("pii.private-key", f.RuleId));
    }

    [Fact]
    public async Task A_pipeline_stage_that_writes_a_redacted_copy_exports_it_without_key_material()
    {
        Directory.CreateDirectory(Path.Combine(_data.Root, ".nuke"));
        var export = Path.Combine(_data.Root, "export");
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new LlmOpsApp(typeof(RedactingPipeline)) { Output = output, Error = error, Environment = _ => null };

        var code = await app.RunAsync(["--root", _data.Root, "--parallel", "1", "Validate", "--export", export], TestContext.Current.CancellationToken);

        Assert.True(code == 0, output.ToString() + error);
        var copy = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(export, "redacted-conversations"), "*.jsonl", SearchOption.AllDirectories)));
        AssertNoKeyMaterial(copy);
        Assert.Equal(PrivateKeys.Lines().Length, copy.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("[PRIVATE_KEY]", copy, StringComparison.Ordinal);
    }
}
