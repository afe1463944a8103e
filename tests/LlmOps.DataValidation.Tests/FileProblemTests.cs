namespace LlmOps.DataValidation.Tests;

public sealed class FileProblemTests : IDisposable
{
    private readonly TempDataset _data = new();

    public void Dispose() => _data.Dispose();

    private static Finding FileFinding(ValidationReport report)
    {
        Assert.Equal(Verdict.Failed, report.Verdict);
        var f = Assert.Single(report.Findings);
        Assert.Equal(0, f.Line);
        return f;
    }

    [Fact]
    public void A_missing_file_is_a_clear_finding()
    {
        var f = FileFinding(new DatasetValidator(DatasetFormat.ChatJsonl).Validate(_data.PathOf("nope.jsonl")));

        Assert.Equal(RuleIds.FileNotFound, f.RuleId);
        Assert.Contains("nope.jsonl does not exist", f.Message);
    }

    [Fact]
    public void An_empty_file_is_a_clear_finding()
    {
        var f = FileFinding(new DatasetValidator(DatasetFormat.ChatJsonl).Validate(_data.Write("empty.jsonl")));

        Assert.Equal(RuleIds.FileEmpty, f.RuleId);
        Assert.Contains("is empty", f.Message);
    }

    [Fact]
    public void A_directory_instead_of_a_file_is_a_clear_finding()
    {
        var f = FileFinding(new DatasetValidator(DatasetFormat.ChatJsonl).Validate(_data.Root));

        Assert.Equal(RuleIds.FileIsDirectory, f.RuleId);
        Assert.Contains("is a directory", f.Message);
    }

    [Fact]
    public void A_two_gigabyte_single_line_is_reported_without_buffering_it()
    {
        // A sparse file: 2 GiB + 1 of zero bytes with no newline takes no disk space but must be read through.
        var path = _data.PathOf("huge.jsonl");
        using (var fs = new FileStream(path, FileMode.CreateNew))
        {
            fs.SetLength((2L << 30) + 1);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var report = new DatasetValidator(DatasetFormat.ChatJsonl).Validate(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Verdict.Failed, report.Verdict);
        var tooLong = Assert.Single(report.Findings, f => f.RuleId == RuleIds.LineTooLong);
        Assert.Equal(1, tooLong.Line);
        Assert.Contains("2,147,483,649 bytes", tooLong.Message);
        Assert.Contains(report.Findings, f => f.RuleId == RuleIds.FileEmpty);
        Assert.True(allocated < 64L << 20, $"allocated {allocated:N0} bytes for a 2 GiB line");
    }
}
