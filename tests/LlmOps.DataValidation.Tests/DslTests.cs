using LlmOps.Cli;

namespace LlmOps.DataValidation.Tests;

public sealed class DslTests : IDisposable
{
    private readonly TempDataset _root = new();

    public DslTests() => Directory.CreateDirectory(Path.Combine(_root.Root, ".nuke"));

    public void Dispose() => _root.Dispose();

    private (int Code, string Output, string Error) Run(params string[] args) => RunPipeline(typeof(ValidationPipeline), args);

    private (int Code, string Output, string Error) RunPipeline(Type pipeline, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new LlmOpsApp(pipeline) { Output = output, Error = error, Environment = _ => null };
        var code = app.RunAsync(["--root", _root.Root, "--parallel", "1", .. args], TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_stage_declared_with_validates_writes_reports_and_passes_on_clean_data()
    {
        var export = Path.Combine(_root.Root, "export");

        var (code, output, error) = Run("Validate", "--export", export);

        Assert.True(code == 0, output + error);
        var reports = Path.Combine(export, "validation-report");
        Assert.True(File.Exists(Path.Combine(reports, ReportFiles.Json)), output);
        Assert.True(File.Exists(Path.Combine(reports, ReportFiles.Html)));
        var summary = File.ReadAllText(Path.Combine(reports, ReportFiles.Markdown));
        Assert.Contains("Data validation: passed", summary);
        Assert.Contains("| train-set | 40 |", summary);
    }

    [Fact]
    public void Leakage_fails_the_stage_naming_the_violated_rule()
    {
        var (code, output, error) = Run("Validate", "--leak", "true");

        Assert.Equal(1, code);
        var log = Directory.EnumerateFiles(Path.Combine(_root.Root, ".llmops", "runs"), "*.log", SearchOption.AllDirectories).Single(f => f.Contains("Validate", StringComparison.Ordinal));
        var text = File.ReadAllText(log);
        Assert.True(text.Contains("leakage.exact [eval-set]", StringComparison.Ordinal), text);
        Assert.Contains("eval-set/eval.jsonl:6: also in split 'train-set' at line 4", text);
    }

    [Fact]
    public void Rule_changes_change_the_cache_key_and_definition_reads_nothing()
    {
        var a = new DatasetValidationFeature { Rules = new ValidationRules().MaxDuplicateRate(0.01) };
        var b = new DatasetValidationFeature { Rules = new ValidationRules().MaxDuplicateRate(0.02) };
        var same = new DatasetValidationFeature { Rules = new ValidationRules().MaxDuplicateRate(0.01) };

        Assert.NotEqual(a.Describe(), b.Describe());
        Assert.Equal(a.Describe(), same.Describe());
        Assert.Equal(0, Run("--help").Code);
        Assert.False(Directory.Exists(Path.Combine(_root.Root, ".llmops", "store")));
    }

    [Fact]
    public void An_invalid_rule_is_a_definition_error_with_a_plain_message()
    {
        var (code, _, error) = RunPipeline(typeof(MisconfiguredPipeline), "Validate");

        Assert.Equal(2, code);
        Assert.Contains("Misconfigured.Validate", error);
        Assert.Contains("MaxDuplicateRate: the rate must be between 0 and 1, got 1.5", error);
        Assert.DoesNotContain("   at ", error);
    }
}
